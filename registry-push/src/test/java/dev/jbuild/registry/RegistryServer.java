package dev.jbuild.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry (Debian's docker-registry) on a free loopback port with storage of its own,
 * started before a test class and stopped after it. Its log lists every request.
 */
public final class RegistryServer implements BeforeAllCallback, AfterAllCallback {
    private Process process;
    private Path dir;
    private int port;
    private String user;
    private String password;

    private boolean tls;

    /** A registry that speaks only TLS, with a certificate from a CA of its own ({@link #caCertificate()}). */
    public RegistryServer withTls() {
        this.tls = true;
        return this;
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    private void makeCertificates() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        for (List<String> command : List.of(
                List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                        "-days", "2", "-subj", "/CN=jbuild test CA"),
                List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                        "-subj", "/CN=127.0.0.1"),
                List.of("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf"))) {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        }
    }

    /** A registry that wants these credentials (htpasswd, bcrypt: made with Debian's htpasswd). */
    public RegistryServer withBasicAuth(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return dir.resolve("registry.log");
    }

    /** Requests in the log so far whose line contains all of {@code parts} (e.g. "PUT", "/blobs/uploads/"). */
    public long countRequests(String... parts) throws IOException {
        return Files.readAllLines(log(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("http.request.method"))
                .filter(l -> List.of(parts).stream().allMatch(l::contains))
                .count();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String binary = "/usr/bin/docker-registry";
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("docker-registry is not installed (apt-get install docker-registry)");
        }
        dir = Files.createTempDirectory("jbuild-registry");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        String auth = "";
        if (user != null) {
            Process h = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectErrorStream(true).start();
            String line = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (h.waitFor() != 0) {
                throw new IllegalStateException("htpasswd failed (apt-get install apache2-utils): " + line);
            }
            Files.writeString(dir.resolve("htpasswd"), line + "\n");
            auth = "auth:\n  htpasswd:\n    realm: jbuild-test\n    path: " + dir.resolve("htpasswd") + "\n";
        }
        String tlsConfig = "";
        if (tls) {
            makeCertificates();
            tlsConfig = "  tls:\n    certificate: " + dir.resolve("server.crt") + "\n    key: " + dir.resolve("server.key") + "\n";
        }
        Files.writeString(config, auth + String.join("\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                "") + tlsConfig);
        process = new ProcessBuilder(binary, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log()));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://" + host() + "/v2/").openConnection();
                int code = c.getResponseCode();
                if (code > 0) { // 401: asking for credentials; 400: speaking TLS only; either way up
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("docker-registry did not answer on " + host() + " in 30 s");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
