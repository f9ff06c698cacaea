package dev.jbuild.store.image;

import dev.jbuild.store.Digest;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.platform.PlatformChoice;
import java.util.List;
import java.util.Optional;

/**
 * A multi-platform image in the store: an index under its names. Its platforms' images need not all
 * be here (a pull takes the one platform asked for, as containerd's store does).
 */
public record StoredIndex(Digest digest, String mediaType, long size, ImageIndex index, List<ImageName> names) {

    public StoredIndex {
        names = List.copyOf(names);
    }

    /** The platforms it holds images of, in index order (attestations left out). */
    public List<Platform> platforms() {
        return PlatformChoice.platforms(index);
    }

    /** The entry of a platform's image. */
    public Optional<Descriptor> entry(Platform platform) {
        return PlatformChoice.entry(index, platform);
    }

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, size);
    }
}
