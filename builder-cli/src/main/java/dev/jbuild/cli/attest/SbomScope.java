package dev.jbuild.cli.attest;

import dev.jbuild.executor.export.RootfsExport;
import dev.jbuild.executor.imagebuild.BuiltStage;
import dev.jbuild.executor.sbom.SbomScanner;
import dev.jbuild.executor.sbom.SoftwarePackage;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an SBOM covers, as BuildKit's build args say: the final image always; each other stage built for
 * the platform whose BUILDKIT_SBOM_SCAN_STAGE (its own ARG, else the global one, else --build-arg) is
 * {@code true} or lists its name; the build context when a stage's BUILDKIT_SBOM_SCAN_CONTEXT says so.
 * Packages of a stage are declared at {@code STAGE:/path}, of the context at {@code context:/path}.
 */
final class SbomScope {
    static final String SCAN_STAGE = "BUILDKIT_SBOM_SCAN_STAGE";
    static final String SCAN_CONTEXT = "BUILDKIT_SBOM_SCAN_CONTEXT";

    private SbomScope() {
    }

    static List<SoftwarePackage> scan(Store store, StoredImage image, Platform platform, List<BuiltStage> stages,
                                      Optional<Path> context) throws IOException {
        RootfsExport trees = new RootfsExport(store);
        List<SoftwarePackage> packages = new ArrayList<>(trees.read(image, SbomScanner::scan));
        boolean scanContext = false;
        for (BuiltStage stage : stages) {
            if (!stage.target().equals(platform)) {
                continue;
            }
            String label = stage.name().orElse(Integer.toString(stage.index()));
            scanContext |= enables(stage.args().get(SCAN_CONTEXT), label);
            if (!stage.isTarget() && enables(stage.args().get(SCAN_STAGE), label)) {
                packages.addAll(prefixed(trees.read(stage.asImage(), SbomScanner::scan), label + ":"));
            }
        }
        if (scanContext && context.isPresent()) {
            packages.addAll(prefixed(SbomScanner.scan(context.get()), "context:"));
        }
        return packages;
    }

    /** true, or a comma-separated list naming the stage. */
    private static boolean enables(String value, String stage) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        return value.equals("true") || List.of(value.split(",")).stream().anyMatch(s -> s.trim().equalsIgnoreCase(stage));
    }

    private static List<SoftwarePackage> prefixed(List<SoftwarePackage> packages, String prefix) {
        return packages.stream().map(p -> new SoftwarePackage(p.ecosystem(), p.name(), p.version(), p.purl(), prefix + p.path(),
                p.license())).toList();
    }
}
