package dev.jbuild.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A docker credential helper ({@code docker-credential-NAME get|store|erase}), talking JSON on stdin/stdout. */
final class CredentialHelper {
    private final String name;

    CredentialHelper(String name) {
        this.name = name;
    }

    Optional<Credentials> get(String server) throws IOException {
        Result r = run("get", server);
        if (r.exit != 0) {
            if (r.out.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            throw new RegistryException("docker-credential-" + name + " get failed: " + r.out.strip());
        }
        JsonNode node = Json.mapper().readTree(r.out);
        return Optional.of(new Credentials(node.path("Username").asText(), node.path("Secret").asText()));
    }

    void store(String server, Credentials credentials) throws IOException {
        String json = new String(Json.bytes(Map.of("ServerURL", server, "Username", credentials.username(),
                "Secret", credentials.secret())), StandardCharsets.UTF_8);
        Result r = run("store", json);
        if (r.exit != 0) {
            throw new RegistryException("docker-credential-" + name + " store failed: " + r.out.strip());
        }
    }

    void erase(String server) throws IOException {
        Result r = run("erase", server);
        if (r.exit != 0) {
            throw new RegistryException("docker-credential-" + name + " erase failed: " + r.out.strip());
        }
    }

    private record Result(int exit, String out) {
    }

    private Result run(String action, String input) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("docker-credential-" + name, action).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new RegistryException("credential helper docker-credential-" + name + " cannot be run: " + e.getMessage());
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The helper exited without reading its input (a broken pipe): its answer tells what happened.
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RegistryException("docker-credential-" + name + " " + action + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), out);
    }
}
