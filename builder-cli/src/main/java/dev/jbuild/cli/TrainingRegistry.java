package dev.jbuild.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jbuild.store.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry the class-data training pushes to and pulls from: on loopback, in memory, speaking as much
 * of the distribution API as jbuild's client uses (blob checks, mounts refused, uploads whole or in
 * chunks, manifests by tag or digest), so that the training's push and pull lines go all the way through
 * the client rather than stopping at a refused connection. Training images are a few KB.
 */
final class TrainingRegistry implements AutoCloseable {
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/");
    private static final Pattern UPLOAD = Pattern.compile("/uploads/(\\d+)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

    private record Manifest(String mediaType, byte[] content, String digest) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>(); // "repo:tag" and "repo@digest"
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger nextUpload = new AtomicInteger();

    TrainingRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** host:port, as an image reference names a registry. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher m;
            if (path.equals("/v2/")) {
                reply(exchange, method, 200, "{}".getBytes());
            } else if ((m = BLOB.matcher(path)).matches()) {
                byte[] blob = blobs.get(m.group(2));
                reply(exchange, method, blob == null ? 404 : 200, blob == null ? new byte[0] : blob);
            } else if (UPLOADS.matcher(path).matches() && method.equals("POST")) {
                String id = Integer.toString(nextUpload.incrementAndGet());
                uploads.put(id, new ByteArrayOutputStream());
                exchange.getResponseHeaders().set("Location", "/uploads/" + id);
                reply(exchange, method, 202, new byte[0]); // a mount is refused: the blob is uploaded
            } else if ((m = UPLOAD.matcher(path)).matches() && uploads.containsKey(m.group(1))) {
                upload(exchange, method, m.group(1), body);
            } else if ((m = MANIFEST.matcher(path)).matches()) {
                manifest(exchange, method, m.group(1), m.group(2), body);
            } else {
                reply(exchange, method, 404, new byte[0]);
            }
        }
    }

    private void upload(HttpExchange exchange, String method, String id, byte[] body) throws IOException {
        ByteArrayOutputStream received = uploads.get(id);
        received.write(body);
        if (method.equals("PUT")) {
            String query = exchange.getRequestURI().getQuery();
            String digest = query == null ? "" : query.replaceFirst(".*digest=([^&]+).*", "$1");
            blobs.put(digest, received.toByteArray());
            uploads.remove(id);
            exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
            reply(exchange, method, 201, new byte[0]);
        } else {
            exchange.getResponseHeaders().set("Location", "/uploads/" + id);
            exchange.getResponseHeaders().set("Range", "0-" + Math.max(0, received.size() - 1));
            reply(exchange, method, 202, new byte[0]);
        }
    }

    private void manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body) throws IOException {
        String key = repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        if (method.equals("PUT")) {
            Manifest stored = new Manifest(exchange.getRequestHeaders().getFirst("Content-Type"), body, Digest.of(body).toString());
            manifests.put(key, stored);
            manifests.put(repository + "@" + stored.digest(), stored);
            exchange.getResponseHeaders().set("Docker-Content-Digest", stored.digest());
            reply(exchange, method, 201, new byte[0]);
            return;
        }
        Manifest found = manifests.get(key);
        if (found == null) {
            reply(exchange, method, 404, new byte[0]);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", found.mediaType());
        exchange.getResponseHeaders().set("Docker-Content-Digest", found.digest());
        reply(exchange, method, 200, found.content());
    }

    /** A HEAD gets the length a GET would have, and no body. */
    private static void reply(HttpExchange exchange, String method, int code, byte[] content) throws IOException {
        if (method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(content.length));
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        exchange.sendResponseHeaders(code, content.length == 0 ? -1 : content.length);
        exchange.getResponseBody().write(content);
    }
}
