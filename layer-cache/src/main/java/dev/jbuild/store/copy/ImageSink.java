package dev.jbuild.store.copy;

import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A place images are written to: the store, a registry, an OCI layout, an archive. */
public interface ImageSink extends Closeable {

    /** How layers that arrive uncompressed are written here; NONE keeps them as they are. */
    default Compression layerCompression() {
        return Compression.NONE;
    }

    /** Whether blobs may be written at once, and a failed write started again (not so for a stream). */
    default boolean concurrent() {
        return true;
    }

    /** Whether an index (several platforms) can be kept here. */
    default boolean holdsIndexes() {
        return true;
    }

    /**
     * Whether an index may be kept here with only some of its platforms' images (the store, as
     * containerd's: a pull of one platform keeps the index under the name). Elsewhere such a copy
     * writes the one platform's image alone.
     */
    default boolean keepsPartialIndexes() {
        return false;
    }

    /** Whether this very manifest is here under these names already, so that nothing is to be done. */
    default boolean holds(RawManifest manifest, List<ImageName> names) throws IOException {
        return false;
    }

    /** How the blob is here without being sent (already, or mounted); empty when it must be written. */
    Optional<Outcome> existing(Blob blob) throws IOException;

    /**
     * Starts to take a blob that is still being made (a layer compressed on the way), before its digest is
     * known: {@code bytes} gives each byte as it is made and ends when the blob is whole. Empty where a
     * blob is written whole only.
     */
    default Optional<EarlyWrite> writeAsMade(InputStream bytes) {
        return Optional.empty();
    }

    /** Writes a blob, committing it only when its bytes were whole and right. */
    void write(Blob blob, BlobBytes bytes) throws IOException;

    /**
     * Writes a manifest or index after all it names. {@code top} is the image itself (named with
     * {@code names}, when the place names things), not an entry of an index.
     */
    void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) throws IOException;

    /** Ends the copy: archives write their index; the written becomes visible. */
    default void finish() throws IOException {
    }

    @Override
    default void close() throws IOException {
    }
}
