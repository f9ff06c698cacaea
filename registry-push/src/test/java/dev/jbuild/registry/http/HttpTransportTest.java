package dev.jbuild.registry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK-based transport against real loopback HTTP servers (the JDK's own, and a raw socket for a cut body). */
class HttpTransportTest {
    private final HttpTransport transport = new HttpTransport(Tls.Source.SYSTEM, Duration.ofSeconds(5), Duration.ofSeconds(5));
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final Map<String, String> authorizationSeen = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        servers.add(server);
        return server;
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange x, int code, byte[] body) throws IOException {
        x.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @BeforeEach
    void clear() {
        authorizationSeen.clear();
    }

    @Test
    void aRedirectKeepsTheTokenOnItsHostAndDropsItElsewhere() throws IOException {
        HttpServer storage = server();
        storage.createContext("/blob", x -> {
            authorizationSeen.put("storage", String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            reply(x, 200, "bytes".getBytes(StandardCharsets.UTF_8));
        });
        HttpServer registry = server();
        registry.createContext("/v2/same", x -> {
            x.getResponseHeaders().add("Location", "/v2/there");
            reply(x, 307, new byte[0]);
        });
        registry.createContext("/v2/there", x -> {
            authorizationSeen.put("registry", String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            reply(x, 200, "here".getBytes(StandardCharsets.UTF_8));
        });
        registry.createContext("/v2/away", x -> {
            x.getResponseHeaders().add("Location", base(storage) + "/blob");
            reply(x, 307, new byte[0]);
        });

        try (Response r = transport.send(Request.get(URI.create(base(registry) + "/v2/same")).header("Authorization", "Bearer t"))) {
            assertEquals(200, r.code());
            assertEquals("here", new String(r.bytes(1 << 20, "body"), StandardCharsets.UTF_8));
        }
        try (Response r = transport.send(Request.get(URI.create(base(registry) + "/v2/away")).header("Authorization", "Bearer t"))) {
            assertEquals(200, r.code());
            assertEquals("bytes", new String(r.bytes(1 << 20, "body"), StandardCharsets.UTF_8));
        }
        assertEquals("Bearer t", authorizationSeen.get("registry"));
        assertEquals("null", authorizationSeen.get("storage"), "a token never leaves the registry's host");
    }

    @Test
    void aBodyCutShortOfItsLengthFailsInsteadOfEndingQuietly() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] request = new byte[4096];
                    in.read(request);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(40))
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test fails on its own side
                }
            });
            server.start();
            try (Response r = transport.send(Request.get(URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/blob")))) {
                IOException cut = assertThrows(IOException.class, () -> r.body().readAllBytes());
                assertTrue(cut.getMessage().contains("40 of 100"), cut.getMessage());
            }
            server.join();
        }
    }

    @Test
    void anUploadTheServerStopsTakingTimesOut() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    Thread.sleep(60_000); // reads nothing
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
            server.setDaemon(true);
            server.start();
            Body endless = new Body() { // far more than socket buffers hold, made as it is read
                @Override
                public long length() {
                    return 1L << 30;
                }

                @Override
                public String contentType() {
                    return null;
                }

                @Override
                public InputStream open() {
                    return new InputStream() {
                        private long left = length();

                        @Override
                        public int read() {
                            return left-- > 0 ? 0 : -1;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            if (left <= 0) {
                                return -1;
                            }
                            int n = (int) Math.min(len, left);
                            Arrays.fill(b, off, off + n, (byte) 0);
                            left -= n;
                            return n;
                        }
                    };
                }
            };
            HttpTransport impatient = transport.withTimeout(Duration.ofSeconds(1));
            Request put = Request.send("PUT", URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/upload"), endless);
            java.net.SocketTimeoutException stalled = assertThrows(java.net.SocketTimeoutException.class, () -> impatient.send(put));
            assertTrue(stalled.getMessage().contains("took no byte of the request body for 1 s"), stalled.getMessage());
            server.interrupt();
        }
    }

    @Test
    void partsOfAFileAndWholeBodiesGoWithTheirHeaders(@TempDir Path dir) throws IOException {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("blob"), content);
        List<String> seen = new CopyOnWriteArrayList<>();
        Map<String, byte[]> bodies = new ConcurrentHashMap<>();
        HttpServer registry = server();
        registry.createContext("/upload", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            seen.add(x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Content-Range") + " "
                    + x.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
            bodies.put(x.getRequestMethod(), body);
            reply(x, 202, new byte[0]);
        });
        long[] reported = new long[1];
        Request part = Request.send("POST", URI.create(base(registry) + "/upload"), Body.fileRange(file, 1000, 200_000, n -> reported[0] = n))
                .header("Content-Range", "1000-200999");
        try (Response r = transport.send(part)) {
            assertEquals(202, r.code());
        }
        try (Response r = transport.send(Request.send("PUT", URI.create(base(registry) + "/upload"), Body.bytes("{}".getBytes(), "application/json")))) {
            assertEquals(202, r.code());
        }
        assertEquals(List.of("POST 1000-200999 application/octet-stream 200000", "PUT null application/json 2"), seen);
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 201_000), bodies.get("POST"), "exactly the range, no byte more");
        assertEquals(201_000, reported[0], "progress in file offsets");
    }

    @Test
    void aProxyTheEnvironmentNamesCarriesTheRequest() throws IOException {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer proxy = server();
        proxy.createContext("/", x -> {
            asked.add(x.getRequestMethod() + " " + x.getRequestURI());
            reply(x, 200, "via proxy".getBytes(StandardCharsets.UTF_8));
        });
        HttpTransport proxied = new HttpTransport(Tls.Source.SYSTEM, Duration.ofSeconds(5), Duration.ofSeconds(5),
                EnvironmentProxies.of(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort())).get());
        try (Response r = proxied.send(Request.get(URI.create("http://registry.invalid:5000/v2/")))) {
            assertEquals(200, r.code());
            assertEquals("via proxy", new String(r.bytes(1 << 20, "body"), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("GET http://registry.invalid:5000/v2/"), asked, "a host only the proxy resolves");
    }

    @Test
    void errorsComeWithTheirBodyAndHeadHasNone() throws IOException {
        HttpServer registry = server();
        registry.createContext("/v2/missing", x -> {
            x.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            reply(x, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
        });
        try (Response r = transport.send(Request.get(URI.create(base(registry) + "/v2/missing")))) {
            assertEquals(404, r.code());
            assertEquals("registry/2.0", r.header("docker-distribution-api-version"), "header names in any case");
            assertTrue(r.text().contains("MANIFEST_UNKNOWN"));
        }
        try (Response r = transport.send(Request.head(URI.create(base(registry) + "/v2/missing")))) {
            assertEquals(404, r.code());
            assertEquals(0, r.bytes(1 << 20, "body").length);
            assertNull(r.header("Location"));
        }
    }
}
