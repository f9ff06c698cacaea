package dev.jbuild.store.unpack;

import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.tree.LayerTrees;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A layer extracted into its tree while its blob arrives, as containerd unpacks a pull: the download
 * and the extraction (the kernel's file creation, most of a base image's first use) overlap, and the
 * layer is decompressed once instead of twice (a check at the door, then the extraction at the first
 * run). The extraction is the check: a layer it refuses, or whose tar is not its diffID's, fails the
 * write with that reason, and nothing of the tree is kept. One this file system cannot hold as a tree
 * (an owner outside the user namespace's range, a name too long, a full disk) leaves the blob as it would
 * be without unpacking, to be checked as any other: the pull goes on, and the first run says why.
 *
 * <pre>
 * try (LayerUnpack tree = LayerUnpack.start(trees, blob)) {
 *     bytes.writeTo(tree.tee(blobFile));
 *     boolean extracted = tree.finish();
 * }
 * </pre>
 */
public final class LayerUnpack implements AutoCloseable {
    /** Bytes downloaded ahead of the extraction at most; past that the download waits. More (8 MiB) raised a
     *  pull's peak RSS by 50 MB for nothing: the extraction sets the pace. */
    private static final int AHEAD = 1 << 20;

    private final ChunkPipe pipe = new ChunkPipe(AHEAD);
    private final Thread extraction;
    private final String source;
    private volatile Throwable failure;
    private boolean finished;

    private LayerUnpack(LayerTrees trees, Blob layer) {
        this.source = "layer " + layer.digest().shortId();
        Compression compression = Compression.ofMediaType(layer.descriptor().mediaType());
        InputStream arriving = pipe.input();
        this.extraction = new Thread(() -> {
            try (arriving) {
                trees.extract(compression.decompressing(arriving), layer.diffId(), layer.chainId(), source);
            } catch (Throwable e) {
                failure = e;
            }
        }, "unpack " + layer.digest().shortId());
        extraction.setDaemon(true);
    }

    /** Starts extracting {@code layer}, a file system layer of a known chain, from what {@link #tee} is given. */
    public static LayerUnpack start(LayerTrees trees, Blob layer) {
        LayerUnpack unpack = new LayerUnpack(trees, layer);
        unpack.extraction.start();
        return unpack;
    }

    /**
     * Writes to {@code out} and to the extraction. An extraction that refuses the layer fails the write with
     * its own reason; one that is done before the bytes are (a compressed stream's trailing bytes), or that
     * the file system stopped, lets them go to {@code out} alone.
     */
    public OutputStream tee(OutputStream out) {
        OutputStream extracting = pipe.output();
        return new FilterOutputStream(out) {
            private boolean extractionDone;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                if (extractionDone) {
                    return;
                }
                try {
                    extracting.write(b, off, len);
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException readerStopped) {
                    awaitExtraction();
                    throwRefusal();
                    extractionDone = true;
                }
            }
        };
    }

    /**
     * All bytes were written: waits for the extraction. True: the tree is in place. False: the file system
     * could not hold it (see the class comment), and nothing of it is kept. Throws the layer's refusal.
     */
    public boolean finish() throws IOException {
        pipe.output().close();
        awaitExtraction();
        finished = true;
        throwRefusal();
        return failure == null;
    }

    /** Unless finished, the extraction stops and leaves nothing behind; either way no thread outlives this. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            pipe.fail(new IOException("the layer's download stopped"));
            awaitExtraction();
        }
    }

    private void awaitExtraction() throws InterruptedIOException {
        try {
            extraction.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + source + " was being extracted");
        }
    }

    /** The layer's own fault (an unsafe entry, a tar that is not its diffID's): never a reason to fetch it again. */
    private void throwRefusal() {
        Throwable e = failure;
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
    }
}
