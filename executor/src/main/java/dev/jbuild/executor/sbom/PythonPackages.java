package dev.jbuild.executor.sbom;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Python: installed distributions' *.dist-info/METADATA and *.egg-info/PKG-INFO (or an .egg-info file). */
final class PythonPackages {
    private PythonPackages() {
    }

    static boolean isMetadata(String path) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO") || path.endsWith(".egg-info");
    }

    static Optional<SoftwarePackage> read(Path file, String imagePath) throws IOException {
        List<Map<String, String>> headers;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            headers = Stanzas.read(in);
        }
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> h = headers.get(0); // the headers; the description follows a blank line
        String name = h.get("Name");
        String version = h.get("Version");
        if (name == null || version == null) {
            return Optional.empty();
        }
        String license = h.containsKey("License-Expression") ? h.get("License-Expression") : h.get("License");
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"); // PEP 503, as the pypi purl wants
        return Optional.of(new SoftwarePackage("pypi", name, version, Purls.of("pypi", null, normalized, version, null), imagePath,
                license == null || license.equals("UNKNOWN") ? null : license));
    }
}
