package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jbuild.cli.JbuildProcess.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that lies: endless or oversized manifests, configs and layers, a config whose diff_ids do
 * not match its layers, an index inside an index, a redirect to a local file. Each pull fails with one
 * line naming what was wrong, exit 1, bounded memory and disk, and nothing stored.
 */
class HostileRegistryIT {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** How much a hostile answer sends at most, so that the test itself is bounded whatever jbuild does. */
    private static final long ENDLESS = 1L << 30;

    @TempDir
    Path work;
    private HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private byte[] layer;
    private byte[] layerTar;

    private interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Answer a = answers.get(exchange.getRequestURI().getPath());
                if (a == null) {
                    exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/v2/") ? 200 : 404, -1);
                } else {
                    a.send(exchange);
                }
            } catch (IOException clientWentAway) {
                // what a bounded client does to an endless answer
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry e = new TarArchiveEntry("hello.txt");
            e.setSize(6);
            out.putArchiveEntry(e);
            out.write("hello\n".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        layerTar = tar.toByteArray();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(layerTar);
        }
        layer = gz.toByteArray();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static Answer bytes(String type, byte[] body) {
        return x -> {
            x.getResponseHeaders().set("Content-Type", type);
            x.getResponseHeaders().set("Docker-Content-Digest", sha256Unchecked(body));
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        };
    }

    private static String sha256Unchecked(byte[] b) {
        try {
            return sha256(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends zeros without end (chunked), or behind a Content-Length of {@code declared}, until the client goes. */
    private static Answer endless(String type, long declared) {
        return x -> {
            x.getResponseHeaders().set("Content-Type", type);
            x.sendResponseHeaders(200, declared);
            OutputStream out = x.getResponseBody();
            byte[] chunk = new byte[64 << 10];
            for (long sent = 0; sent < ENDLESS; sent += chunk.length) {
                out.write(chunk);
            }
        };
    }

    private String manifest(String configDigest, long configSize, String layerDigest, long layerSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerSize + "}]}";
    }

    private byte[] config(String diffId) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId
                + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    private void serveManifest(String tag, String json) {
        answers.put("/v2/evil/manifests/" + tag, bytes(OCI_MANIFEST, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The pull fails in one line that says {@code expected}; the store holds no image and little in tmp/. */
    private void refused(String tag, String expected) throws Exception {
        Path store = work.resolve("store-" + tag);
        Result r = JbuildProcess.inStore(store, "pull", host() + "/evil:" + tag);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().startsWith("jbuild: ") && r.err().contains(expected), r::toString);
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r::toString);
        assertEquals("", JbuildProcess.okInStore(store, "images", "-q").out(), "nothing was stored under a name");
        try (Stream<Path> trees = Files.exists(store.resolve("layers")) ? Files.list(store.resolve("layers")) : Stream.empty()) {
            assertEquals(0, trees.count(), "no layer was left extracted");
        }
        try (Stream<Path> files = Files.exists(store.resolve("tmp")) ? Files.walk(store.resolve("tmp")) : Stream.empty()) {
            long size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            assertTrue(size < 8 << 20, "tmp/ holds " + size + " bytes");
        }
    }

    @Test
    void anEndlessOrHugeManifestIsCutAtFourMebibytes() throws Exception {
        answers.put("/v2/evil/manifests/endless", endless(OCI_MANIFEST, 0));
        refused("endless", "manifest endless is larger than 4 MiB");
        answers.put("/v2/evil/manifests/huge", endless(OCI_MANIFEST, 50_000_000_000L));
        refused("huge", "manifest huge is larger than 4 MiB");
    }

    @Test
    void anEndlessConfigOrALayerLargerThanItsDescriptorIsCutThere() throws Exception {
        String diffId = sha256(layerTar);
        byte[] config = config(diffId);
        answers.put("/v2/evil/blobs/" + sha256(layer), bytes("application/octet-stream", layer));
        String endlessConfig = "sha256:" + "e".repeat(64);
        answers.put("/v2/evil/blobs/" + endlessConfig, endless("application/octet-stream", 0));
        serveManifest("config", manifest(endlessConfig, 800, sha256(layer), layer.length));
        refused("config", "is larger than the 800 bytes its descriptor gives");
        serveManifest("bigconfig", manifest(endlessConfig, 50_000_000_000L, sha256(layer), layer.length));
        refused("bigconfig", "more than the 4 MiB an image config may be");

        String liar = "sha256:" + "f".repeat(64);
        answers.put("/v2/evil/blobs/" + sha256(config), bytes("application/octet-stream", config));
        answers.put("/v2/evil/blobs/" + liar, endless("application/octet-stream", 0));
        serveManifest("layer", manifest(sha256(config), config.length, liar, 151));
        refused("layer", "is larger than the 151 bytes its descriptor gives");
    }

    @Test
    void aConfigWhoseDiffIdsDoNotMatchItsLayersIsRefusedAtPull() throws Exception {
        byte[] config = config(sha256("another layer".getBytes(StandardCharsets.UTF_8)));
        answers.put("/v2/evil/blobs/" + sha256(config), bytes("application/octet-stream", config));
        answers.put("/v2/evil/blobs/" + sha256(layer), bytes("application/octet-stream", layer));
        serveManifest("diffids", manifest(sha256(config), config.length, sha256(layer), layer.length));
        refused("diffids", "but the image's config expects");
    }

    /** The tar of one file {@code name} holding "x", gzipped. */
    private static byte[][] layerOf(String name) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(1);
            out.putArchiveEntry(e);
            out.write('x');
            out.closeArchiveEntry();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return new byte[][] {tar.toByteArray(), gz.toByteArray()};
    }

    @Test
    void aLayerThatWouldLandOutsideItsTreeIsRefusedAtPull() throws Exception {
        byte[][] evil = layerOf("../../escaped");
        byte[] config = config(sha256(evil[0]));
        answers.put("/v2/evil/blobs/" + sha256(config), bytes("application/octet-stream", config));
        answers.put("/v2/evil/blobs/" + sha256(evil[1]), bytes("application/octet-stream", evil[1]));
        serveManifest("escape", manifest(sha256(config), config.length, sha256(evil[1]), evil[1].length));
        refused("escape", "refusing entry '../../escaped': '..' leads outside the layer");
        assertFalse(Files.exists(work.resolve("escaped")) || Files.exists(work.resolve("store-escape/escaped")));
    }

    /** What the hostile cases are measured against: the same registry's honest image is pulled, and unpacked on the way. */
    @Test
    void anHonestImageIsPulledWithItsLayerAlreadyExtracted() throws Exception {
        byte[] config = config(sha256(layerTar));
        answers.put("/v2/evil/blobs/" + sha256(config), bytes("application/octet-stream", config));
        answers.put("/v2/evil/blobs/" + sha256(layer), bytes("application/octet-stream", layer));
        serveManifest("honest", manifest(sha256(config), config.length, sha256(layer), layer.length));
        Path store = work.resolve("store-honest");
        JbuildProcess.okInStore(store, "pull", host() + "/evil:honest");
        // one layer: its chain ID is its diffID
        Path tree = store.resolve("layers").resolve(sha256(layerTar).substring("sha256:".length()));
        assertEquals("hello\n", Files.readString(tree.resolve("hello.txt")));
    }

    @Test
    void anIndexInsideAnIndexAndARedirectToAFileAreOneLineEach() throws Exception {
        String inner = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[]}";
        byte[] innerBytes = inner.getBytes(StandardCharsets.UTF_8);
        answers.put("/v2/evil/manifests/" + sha256(innerBytes), bytes(OCI_INDEX, innerBytes));
        String outer = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"" + OCI_INDEX
                + "\",\"digest\":\"" + sha256(innerBytes) + "\",\"size\":" + innerBytes.length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + hostArchitecture() + "\"}}]}";
        answers.put("/v2/evil/manifests/nested", bytes(OCI_INDEX, outer.getBytes(StandardCharsets.UTF_8)));
        refused("nested", "an index inside an index is not supported");

        answers.put("/v2/evil/manifests/redirect", x -> {
            x.getResponseHeaders().set("Location", "file:///etc/passwd");
            x.sendResponseHeaders(302, -1);
        });
        refused("redirect", "redirected to a file: address, which is not http or https");
    }

    private static String hostArchitecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch;
    }
}
