package dev.jbuild.registry;

import dev.jbuild.store.UserDirs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-registry settings, from {@code $JBUILD_REGISTRIES_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/jbuild/registries.json} (default {@code ~/.config/jbuild/registries.json}):
 * <pre>{"registries": {"docker.io": {"mirrors": ["mirror.example:5000"]},
 *                   "reg.internal:5000": {"insecure": true}}}</pre>
 * Mirrors are tried in order for pulls, then the registry itself; pushes never go to a mirror.
 * An insecure registry may be reached over plain http or https without certificate checks.
 */
public final class RegistriesConfig {
    private final JsonNode registries;
    private final Path source;

    private RegistriesConfig(JsonNode registries, Path source) {
        this.registries = registries;
        this.source = source;
    }

    public static RegistriesConfig none() {
        return new RegistriesConfig(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null);
    }

    public static RegistriesConfig of(UserDirs dirs) throws IOException {
        Path file = dirs.registriesConfig();
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return new RegistriesConfig(Json.mapper().readTree(file.toFile()).path("registries"), file);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RegistryException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The mirrors of {@code registry} (as users name it: docker.io, localhost:5000), in order. */
    public List<String> mirrors(String registry) {
        List<String> out = new ArrayList<>();
        JsonNode mirrors = registries.path(registry).path("mirrors");
        if (!mirrors.isMissingNode() && !mirrors.isArray()) {
            throw new RegistryException(source + ": \"mirrors\" of " + registry + " must be a list of hosts");
        }
        mirrors.forEach(m -> out.add(m.asText()));
        return out;
    }

    public boolean insecure(String registry) {
        return registries.path(registry).path("insecure").asBoolean(false);
    }
}
