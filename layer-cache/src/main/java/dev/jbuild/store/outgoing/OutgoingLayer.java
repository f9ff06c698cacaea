package dev.jbuild.store.outgoing;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One layer of an {@link OutgoingImage}. A stored blob is used as it is. A layer stored only as a
 * tree becomes a blob of the asked compression: its descriptor comes from what the last compression
 * gave (remembered, so a registry that has it costs nothing), and its bytes are written from the
 * tree into tmp/ when something must read them, checked against the diffID. gzip and zstd output
 * depend only on the tar, the level and the library's version, so the remembered digest holds until
 * the library changes; then {@link #file()} says what the bytes are now.
 */
public final class OutgoingLayer implements AutoCloseable {
    private final Store store;
    private final Descriptor stored;
    private final Digest diffId;
    private final Digest chainId;
    private final Compression compression;
    private Descriptor made;
    private Path file;

    OutgoingLayer(Store store, Descriptor stored, Digest diffId, Digest chainId, Compression compression) {
        this.store = store;
        this.stored = stored;
        this.diffId = diffId;
        this.chainId = chainId;
        this.compression = compression;
    }

    private boolean asStored() {
        return store.blobs().contains(stored.digest()) || compression == Compression.NONE;
    }

    /** Whether {@link #descriptor()} is known without compressing anything. */
    public synchronized boolean known() throws IOException {
        return asStored() || remembered();
    }

    /** The blob's descriptor; for a tree never compressed this way before, compresses it now. */
    public synchronized Descriptor descriptor() throws IOException {
        if (asStored()) {
            return stored;
        }
        if (!remembered()) {
            file();
        }
        return made;
    }

    /** Whether what this layer compresses to is known: made here, or remembered from before (read once). */
    private boolean remembered() throws IOException {
        if (made == null) {
            made = store.compressedForms().get(diffId, compression).orElse(null);
        }
        return made != null;
    }

    /**
     * The blob as a file (re-readable, as retried uploads need): stored, or written from the tree.
     * Written anew, it may differ from what an earlier compression gave (another zlib, another zstd):
     * then what it is now becomes the descriptor, and is remembered instead.
     */
    public synchronized Path file() throws IOException {
        if (store.blobs().contains(stored.digest())) {
            return store.blobs().path(stored.digest());
        }
        if (file == null) {
            Path tmp = store.temp().create("outgoing");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                made = write(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            file = tmp;
            if (compression != Compression.NONE) {
                store.compressedForms().remember(diffId, made);
            }
        }
        return file;
    }

    /** Streams the blob into {@code out} (no temp file): what archives use. */
    public void writeTo(OutputStream out) throws IOException {
        if (store.blobs().contains(stored.digest())) {
            try (InputStream in = store.blobs().open(stored.digest())) {
                in.transferTo(out);
            }
            return;
        }
        synchronized (this) {
            if (file != null) {
                Files.copy(file, out);
                return;
            }
        }
        write(out);
    }

    /** The tree's tar, compressed as asked, into {@code out}; returns what was written. */
    private Descriptor write(OutputStream out) throws IOException {
        DigestingOutputStream blob = new DigestingOutputStream(out);
        OutputStream compressed = compression.compressing(blob);
        store.layerTrees().writeTar(chainId, diffId, compressed);
        compressed.close();
        return Descriptor.of(compression.mediaType(), blob.digest(), blob.size());
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
        }
    }
}
