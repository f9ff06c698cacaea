package dev.jbuild.executor.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** npm: each node_modules/NAME/package.json (and node_modules/@SCOPE/NAME/package.json), as npm installed it. */
final class NpmPackages {
    private NpmPackages() {
    }

    /** Whether an image path is an installed package's manifest (not one deeper inside a package). */
    static boolean isInstalledManifest(String path) {
        String[] parts = path.split("/");
        int n = parts.length;
        if (n < 3 || !parts[n - 1].equals("package.json")) {
            return false;
        }
        return parts[n - 3].equals("node_modules") || (n >= 4 && parts[n - 4].equals("node_modules") && parts[n - 3].startsWith("@"));
    }

    static Optional<SoftwarePackage> read(Path file, String imagePath) throws IOException {
        JsonNode p = Json.mapper().readTree(Files.readAllBytes(file));
        String name = p.path("name").asText("");
        String version = p.path("version").asText("");
        if (name.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        String license = p.path("license").isTextual() ? p.get("license").asText() : p.path("license").path("type").asText(null);
        String scope = name.startsWith("@") && name.contains("/") ? name.substring(0, name.indexOf('/')) : null;
        String bare = scope == null ? name : name.substring(scope.length() + 1);
        return Optional.of(new SoftwarePackage("npm", name, version, Purls.of("npm", scope, bare, version, null), imagePath, license));
    }
}
