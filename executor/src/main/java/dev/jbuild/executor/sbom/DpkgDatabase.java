package dev.jbuild.executor.sbom;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dpkg's database: /var/lib/dpkg/status (Debian, Ubuntu), and the one-file-per-package
 * /var/lib/dpkg/status.d/ of distroless images. A package counts when dpkg has it installed, as
 * {@code dpkg-query -W} lists it.
 */
final class DpkgDatabase {
    private DpkgDatabase() {
    }

    static List<SoftwarePackage> read(Path file, String imagePath, OsRelease os) throws IOException {
        List<SoftwarePackage> packages = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Map<String, String> p : Stanzas.read(in)) {
                String status = p.getOrDefault("Status", "install ok installed");
                String name = p.get("Package");
                String version = p.get("Version");
                if (name == null || version == null || !status.endsWith(" installed")) {
                    continue;
                }
                packages.add(new SoftwarePackage("deb", name, version, Purls.of("deb", os.namespace("debian"), name, version,
                        os.qualifiers(p.getOrDefault("Architecture", ""))), imagePath, null));
            }
        }
        return packages;
    }
}
