package dev.jbuild.executor.export;

import dev.jbuild.executor.sandbox.ScratchRoot;
import dev.jbuild.executor.sandbox.UserNamespaceMode;
import dev.jbuild.store.Store;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.tree.TreeExtractor;
import dev.jbuild.store.tree.TreeWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An image's file system as one tree, seen through a read-only overlay of its layer trees (the kernel
 * applies the whiteouts): written as a tar (build --output type=tar) or into a directory
 * (type=local), or read where it is (an SBOM scan).
 */
public final class RootfsExport {
    private final Store store;

    public RootfsExport(Store store) {
        this.store = store;
    }

    /** The whole file system as one deterministic tar, owners as in the image. */
    public void writeTar(StoredImage image, OutputStream out) throws IOException {
        try (ScratchRoot view = view(image)) {
            new TreeWriter(OptionalLong.empty()).write(view.merged(), out);
        }
    }

    /**
     * The file system into {@code dir} (made when missing). As real root owners are kept; rootless,
     * every file belongs to the caller, who could not even remove files of its subordinate ids.
     */
    public void writeDirectory(StoredImage image, Path dir) throws IOException {
        Files.createDirectories(dir);
        boolean realRoot = UserNamespace.isRealRoot();
        try (ScratchRoot view = view(image); PipedInputStream in = new PipedInputStream(1 << 16)) {
            PipedOutputStream pipe = new PipedOutputStream(in);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (pipe) {
                    new TreeWriter(OptionalLong.empty()).write(view.merged(), pipe);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            new TreeExtractor(realRoot, realRoot).extract(in, dir, "the image");
            in.transferTo(OutputStream.nullOutputStream()); // the writer finishes even after the end blocks
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    /** Something read from a file system tree. */
    public interface TreeReading<T> {
        T read(Path root) throws IOException;
    }

    /** Reads the image's file system through a read-only view of it (an SBOM scan). */
    public <T> T read(StoredImage image, TreeReading<T> reading) throws IOException {
        try (ScratchRoot view = view(image)) {
            return reading.read(view.merged());
        }
    }

    private ScratchRoot view(StoredImage image) throws IOException {
        var trees = store.layerTrees().extract(image.manifest().layers(), image.config().rootfs().diffIds());
        return ScratchRoot.view(store.temp(), "export", trees, UserNamespaceMode.of(System.getenv()));
    }
}
