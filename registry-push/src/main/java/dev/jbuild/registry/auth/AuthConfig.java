package dev.jbuild.registry.auth;

import dev.jbuild.store.UserDirs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registry credentials where docker and podman keep them: $DOCKER_CONFIG/config.json (else
 * ~/.docker/config.json), with "auths", "credHelpers" and "credsStore"; and, for reading,
 * ${XDG_RUNTIME_DIR}/containers/auth.json. Docker Hub is stored under https://index.docker.io/v1/.
 */
public final class AuthConfig {
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private final Path dockerConfig;
    private final List<Path> readOnly;

    public AuthConfig(Path dockerConfig, List<Path> readOnly) {
        this.dockerConfig = dockerConfig;
        this.readOnly = List.copyOf(readOnly);
    }

    public static AuthConfig of(UserDirs dirs) {
        List<Path> others = new ArrayList<>();
        Optional<Path> runtime = dirs.runtimeDir();
        if (runtime.isPresent()) {
            others.add(runtime.get().resolve("containers").resolve("auth.json"));
        }
        return new AuthConfig(dirs.dockerConfigDir().resolve("config.json"), others);
    }

    public Path path() {
        return dockerConfig;
    }

    /** How a registry host is keyed in the file. */
    public static String key(String registry) {
        return registry.equals("docker.io") || registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")
                ? DOCKER_HUB_KEY : registry;
    }

    public Optional<Credentials> lookup(String registry) throws IOException {
        String key = key(registry);
        ObjectNode config = read(dockerConfig);
        Optional<CredentialHelper> helper = helperFor(config, key);
        if (helper.isPresent()) {
            Optional<Credentials> fromHelper = helper.get().get(key);
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
        }
        Optional<Credentials> found = fromAuths(config, key, registry);
        for (int i = 0; found.isEmpty() && i < readOnly.size(); i++) {
            found = fromAuths(read(readOnly.get(i)), key, registry);
        }
        return found;
    }

    /** The helper for this registry: its credHelpers entry, else the credsStore. */
    private static Optional<CredentialHelper> helperFor(ObjectNode config, String key) {
        String name = config.path("credHelpers").path(key).asText(config.path("credsStore").asText(""));
        return name.isEmpty() ? Optional.empty() : Optional.of(new CredentialHelper(name));
    }

    private static Optional<Credentials> fromAuths(ObjectNode config, String key, String registry) {
        for (String k : List.of(key, registry, "https://" + registry, "http://" + registry)) {
            JsonNode entry = config.path("auths").path(k);
            if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
                return Optional.of(Credentials.decode(entry.get("auth").asText()));
            }
        }
        return Optional.empty();
    }

    /** Stores credentials (through the credential helper when one is configured); the file stays mode 0600. */
    public void store(String registry, Credentials credentials) throws IOException {
        String key = key(registry);
        ObjectNode config = read(dockerConfig);
        Optional<CredentialHelper> helper = helperFor(config, key);
        if (helper.isPresent()) {
            helper.get().store(key, credentials);
            return;
        }
        ObjectNode auths = config.has("auths") && config.get("auths").isObject()
                ? (ObjectNode) config.get("auths") : config.putObject("auths");
        auths.putObject(key).put("auth", credentials.encoded());
        write(config);
    }

    /** Removes stored credentials; false when there were none. */
    public boolean remove(String registry) throws IOException {
        String key = key(registry);
        ObjectNode config = read(dockerConfig);
        Optional<CredentialHelper> helper = helperFor(config, key);
        if (helper.isPresent()) {
            helper.get().erase(key);
            return true;
        }
        JsonNode auths = config.get("auths");
        if (auths == null || !auths.has(key)) {
            return false;
        }
        ((ObjectNode) auths).remove(key);
        write(config);
        return true;
    }

    private static ObjectNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(file.toFile());
            return node instanceof ObjectNode o ? o : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RegistryException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void write(ObjectNode config) throws IOException {
        Files.createDirectories(dockerConfig.getParent());
        Path tmp = Files.createTempFile(dockerConfig.getParent(), ".config", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Json.pretty(config) + "\n");
            Files.move(tmp, dockerConfig, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
