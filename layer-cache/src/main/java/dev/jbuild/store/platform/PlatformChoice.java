package dev.jbuild.store.platform;

import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which entry of an index is a platform's image, as containerd chooses: the exact platform, else (no
 * variant asked for) the same OS and CPU of any variant. Attestation entries (unknown/unknown) are
 * never images.
 */
public final class PlatformChoice {
    private PlatformChoice() {
    }

    public static Optional<Descriptor> entry(ImageIndex index, Platform wanted) {
        Descriptor loose = null;
        for (Descriptor d : images(index)) {
            Platform p = Platform.of(d.platform());
            if (wanted.equals(p)) {
                return Optional.of(d);
            }
            if (loose == null && wanted.accepts(p)) {
                loose = d;
            }
        }
        return Optional.ofNullable(loose);
    }

    /** The entries that are images of a platform, in index order. */
    public static List<Descriptor> images(ImageIndex index) {
        List<Descriptor> images = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            Platform p = Platform.of(d.platform());
            if (p != null && !p.isUnknown()) {
                images.add(d);
            }
        }
        return images;
    }

    /** The platforms an index holds images of. */
    public static List<Platform> platforms(ImageIndex index) {
        return images(index).stream().map(d -> Platform.of(d.platform())).toList();
    }
}
