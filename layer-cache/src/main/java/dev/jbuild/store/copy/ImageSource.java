package dev.jbuild.store.copy;

import dev.jbuild.store.Digest;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A place images are read from: the store, a registry, an OCI layout, an archive. */
public interface ImageSource extends Closeable {

    /** What errors and progress call this place ({@code docker://reg/app:1}). */
    String describe();

    /** The images asked for: their top manifests (or indexes) and names. */
    List<SourceImage> images() throws IOException;

    /** A manifest an index names. */
    RawManifest manifest(Descriptor entry) throws IOException;

    /** Whether the place has a manifest or blob an index names (a store may keep an index with only some of them). */
    default boolean has(Descriptor blob) throws IOException {
        return true;
    }

    /** Writes a blob's bytes as its descriptor names them; the copy checks the digest. */
    void writeBlob(Descriptor blob, OutputStream out) throws IOException;

    /** The blob as a file of the place's own, when it has one (no copy to tmp/ needed). */
    default Optional<Path> file(Descriptor blob) {
        return Optional.empty();
    }

    /** What an uncompressed layer compressed to the last time it left this place that way, if remembered. */
    default Optional<Descriptor> compressedForm(Digest diffId, Compression compression) throws IOException {
        return Optional.empty();
    }

    /** Remembers what an uncompressed layer compressed to, so the next copy need not compress it. */
    default void rememberCompressedForm(Digest diffId, Descriptor blob) throws IOException {
    }

    /**
     * Whether the source's blobs were checked against their digests when it stored them, under those
     * names (jbuild's store): what the copy only reads, it need not hash again. Sinks get every blob
     * checked all the same.
     */
    default boolean verifiedAtRest() {
        return false;
    }

    /** {@code rewritten} with its digest known, when the source kept it as a form of its manifest {@code original}. */
    default RawManifest recall(Digest original, RawManifest rewritten) throws IOException {
        return rewritten;
    }

    /** Keeps what the manifest {@code original} became on its way out (see {@link #recall}). */
    default void rememberRewritten(Digest original, RawManifest rewritten) throws IOException {
    }

    @Override
    default void close() throws IOException {
    }
}
