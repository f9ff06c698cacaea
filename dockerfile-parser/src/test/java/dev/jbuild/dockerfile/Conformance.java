package dev.jbuild.dockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates ../shared/conformance beside the project (or -Djbuild.conformance=DIR). Missing is a failure. */
public final class Conformance {
    private Conformance() {
    }

    public static Path dir() {
        String explicit = System.getProperty("jbuild.conformance");
        Path dir;
        if (explicit != null) {
            dir = Paths.get(explicit);
        } else {
            String root = System.getProperty("jbuild.projectRoot", "..");
            dir = Paths.get(root).toAbsolutePath().normalize().resolveSibling("shared").resolve("conformance");
        }
        if (!Files.isDirectory(dir.resolve("buildkit-parser"))) {
            throw new IllegalStateException("conformance vectors not found at " + dir
                    + " (expected ../shared/conformance beside the project, or -Djbuild.conformance=DIR)");
        }
        return dir.resolve("buildkit-parser");
    }
}
