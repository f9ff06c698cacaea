package dev.jbuild.executor.sbom;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** apk's database, /lib/apk/db/installed (Alpine): P: name, V: version, A: architecture, L: licence. */
final class ApkDatabase {
    private ApkDatabase() {
    }

    static List<SoftwarePackage> read(Path file, String imagePath, OsRelease os) throws IOException {
        List<SoftwarePackage> packages = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Map<String, String> p : Stanzas.read(in)) {
                String name = p.get("P");
                String version = p.get("V");
                if (name == null || version == null) {
                    continue;
                }
                packages.add(new SoftwarePackage("apk", name, version, Purls.of("apk", os.namespace("alpine"), name, version,
                        os.qualifiers(p.getOrDefault("A", ""))), imagePath, p.get("L")));
            }
        }
        return packages;
    }
}
