package dev.jbuild.store.image;

import dev.jbuild.store.Digest;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Manifest;
import java.util.List;

/**
 * An image in the store: its manifest, its config and the names that point at it. The image ID is
 * the config's digest, as docker has it.
 */
public record StoredImage(Digest manifestDigest, Manifest manifest, ImageConfig config, List<ImageName> names) {

    public StoredImage {
        names = List.copyOf(names);
    }

    public Digest id() {
        return manifest.config().digest();
    }

    /** The layers' compressed sizes added up: what the image takes in the store. */
    public long size() {
        long size = 0;
        for (Descriptor layer : manifest.layers()) {
            size += layer.size();
        }
        return size;
    }

    public boolean dangling() {
        return names.isEmpty();
    }
}
