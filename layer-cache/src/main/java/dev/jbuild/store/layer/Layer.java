package dev.jbuild.store.layer;

import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.Descriptor;

/**
 * A layer in the store: its blob's descriptor (compressed), its diffID (sha256 of the uncompressed
 * tar) and the uncompressed size.
 */
public record Layer(Descriptor descriptor, Digest diffId, long uncompressedSize) {
}
