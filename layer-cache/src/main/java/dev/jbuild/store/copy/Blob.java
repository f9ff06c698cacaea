package dev.jbuild.store.copy;

import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.Descriptor;

/**
 * A blob on its way: its descriptor and, for a layer, the diffID its image's config gives it and the
 * chain ID of the layers up to it (else null).
 */
public record Blob(Descriptor descriptor, Digest diffId, Digest chainId) {

    public boolean isLayer() {
        return diffId != null;
    }

    public Digest digest() {
        return descriptor.digest();
    }
}
