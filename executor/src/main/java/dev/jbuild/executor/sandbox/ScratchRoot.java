package dev.jbuild.executor.sandbox;

import dev.jbuild.store.blob.TempFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Read-only trees seen as one writable root, in a temp dir: what a COPY step writes into (its upper
 * becomes the layer), a view of a stage or an image, a scratch copy of a bind mount. An overlay
 * mount where the host allows one, else a copy whose changes are found by comparing metadata.
 */
public interface ScratchRoot extends AutoCloseable {

    /** Opens {@code lowers} (bottom first) as a fresh root in a temp dir named after {@code purpose}, to write a layer in. */
    static ScratchRoot open(TempFiles temp, String purpose, List<Path> lowers, UserNamespaceMode mode) throws IOException {
        return Isolation.current() == Isolation.CHROOT ? CopiedRoot.copy(temp, purpose, lowers)
                : ScratchOverlay.mount(temp, purpose, lowers, mode);
    }

    /** The same for reading (or writing what is thrown away): without a mount, no snapshot is taken, and there is no upper. */
    static ScratchRoot view(TempFiles temp, String purpose, List<Path> lowers, UserNamespaceMode mode) throws IOException {
        return Isolation.current() == Isolation.CHROOT ? CopiedRoot.view(temp, purpose, lowers)
                : ScratchOverlay.mount(temp, purpose, lowers, mode);
    }

    Path merged();

    /** What was written through {@link #merged()}, as an overlay upper dir: read it after {@link #unmount()}. */
    Path upper() throws IOException;

    /** Ends writing through {@link #merged()}. */
    void unmount() throws IOException;

    @Override
    void close() throws IOException;
}
