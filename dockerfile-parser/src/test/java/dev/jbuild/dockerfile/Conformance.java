package dev.jbuild.dockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates ../shared/conformance beside the project (or -Djbuild.conformance=DIR). A clone of the project
 * alone has no shared/: the vector tests are then skipped with the reason (printed too, so a run shows it);
 * the parser's own tests still cover every instruction and expansion form.
 */
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
        boolean present = Files.isDirectory(dir.resolve("buildkit-parser"));
        if (!present) {
            System.err.println("SKIPPED: conformance vectors not found at " + dir
                    + " (they live in ../shared/conformance beside the project; or -Djbuild.conformance=DIR)");
        }
        Assumptions.assumeTrue(present, () -> "conformance vectors not found at " + dir
                + " (expected ../shared/conformance beside the project, or -Djbuild.conformance=DIR)");
        return dir.resolve("buildkit-parser");
    }
}
