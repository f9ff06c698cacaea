package dev.jbuild.cli.manifest;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** --os, --arch, --variant and --annotation of manifest add and annotate: what an entry of a list says of its image. */
public final class PlatformOptions {
    @Option(names = "--os", paramLabel = "OS", description = "The entry's operating system (default: the image config's).")
    String os;

    @Option(names = "--arch", paramLabel = "ARCH", description = "The entry's architecture (default: the image config's).")
    String arch;

    @Option(names = "--variant", paramLabel = "VARIANT", description = "The entry's CPU variant (e.g. v7 for arm).")
    String variant;

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "An annotation on the entry (repeatable).")
    List<String> annotations = new ArrayList<>();

    /** The entry with the platform fields and annotations given changed. */
    Descriptor apply(Descriptor entry) {
        Platform was = Platform.of(entry.platform());
        Platform p = new Platform(os != null ? os : was == null ? "linux" : was.os(),
                arch != null ? arch : was == null ? "amd64" : was.architecture(),
                variant != null ? variant : arch != null || was == null ? null : was.variant());
        return new Descriptor(entry.mediaType(), entry.digest(), entry.size(), annotated(entry.annotations()), p.descriptor());
    }

    /** {@code base} with the --annotation values added. */
    Map<String, String> annotated(Map<String, String> base) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (String a : annotations) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new JbuildFailure("manifest: --annotation " + a + ": expected KEY=VALUE");
            }
            out.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return out;
    }
}
