package dev.jbuild.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A loopback proxy in front of a test registry that injects faults into chosen requests: an error
 * status (with Retry-After), a connection closed without an answer, or a body cut off midway.
 * Everything else is forwarded as it is (Location headers rewritten to the proxy).
 */
public final class FaultProxy implements AutoCloseable {
    /** One fault, applied once to the next request it matches. */
    public record Fault(Predicate<String> matches, int status, String retryAfter, boolean reset, boolean cutBody) {
    }

    private final HttpServer server;
    private final String target;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public FaultProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** "METHOD path?query" of every request that reached the proxy. */
    public List<String> requests() {
        return requests;
    }

    public FaultProxy status(String requestPart, int status, String retryAfter) {
        faults.add(new Fault(r -> r.contains(requestPart), status, retryAfter, false, false));
        return this;
    }

    public FaultProxy reset(String requestPart) {
        faults.add(new Fault(r -> r.contains(requestPart), 0, null, true, false));
        return this;
    }

    public FaultProxy cutBody(String requestPart) {
        faults.add(new Fault(r -> r.contains(requestPart), 0, null, false, true));
        return this;
    }

    private Fault takeFault(String request) {
        for (Fault f : faults) {
            if (f.matches().test(request) && faults.remove(f)) {
                return f;
            }
        }
        return null;
    }

    private void handle(HttpExchange x) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        String request = x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        requests.add(request);
        Fault fault = takeFault(request);
        try {
            if (fault != null && fault.reset()) {
                return; // closed without a status line: the client sees the connection drop
            }
            if (fault != null && fault.status() > 0) {
                if (fault.retryAfter() != null) {
                    x.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                x.sendResponseHeaders(fault.status(), -1);
                return;
            }
            forward(x, request, fault != null && fault.cutBody());
        } catch (IOException e) {
            // a cut body ends this way; the client sees the dropped connection
        } finally {
            x.close();
        }
    }

    private void forward(HttpExchange x, String request, boolean cut) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://" + target + request.substring(request.indexOf(' ') + 1)).openConnection();
        c.setRequestMethod(x.getRequestMethod());
        c.setInstanceFollowRedirects(false);
        for (Map.Entry<String, List<String>> h : x.getRequestHeaders().entrySet()) {
            String name = h.getKey();
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")) {
                h.getValue().forEach(v -> c.addRequestProperty(name, v));
            }
        }
        byte[] body = x.getRequestBody().readAllBytes();
        if (body.length > 0 || x.getRequestMethod().equals("PUT") || x.getRequestMethod().equals("POST")) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int code = c.getResponseCode();
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            String name = h.getKey();
            if (name == null || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Content-Length")) {
                continue;
            }
            for (String v : h.getValue()) {
                x.getResponseHeaders().add(name, name.equalsIgnoreCase("Location") ? v.replace(target, host()) : v);
            }
        }
        InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] answer = in == null ? new byte[0] : in.readAllBytes();
        boolean noBody = x.getRequestMethod().equals("HEAD") || code == 204 || code == 304;
        if (noBody) {
            String length = c.getHeaderField("Content-Length");
            if (length != null) {
                x.getResponseHeaders().add("Content-Length", length);
            }
            x.sendResponseHeaders(code, -1);
            return;
        }
        x.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            OutputStream out = x.getResponseBody();
            out.write(answer, 0, cut ? answer.length / 2 : answer.length);
            out.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
