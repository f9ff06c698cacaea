package dev.jbuild.store.place;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.fs.IoErrors;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where a blob coming in is written in the store. A failure here (a full disk, a read-only store) is
 * not the source's: it becomes a {@link LocalWriteException}, which no retry loop takes for a cut connection.
 */
final class LocalWrites extends FilterOutputStream {

    private final Path store;

    LocalWrites(OutputStream out, Path store) {
        super(out);
        this.store = store;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new LocalWriteException(store, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new LocalWriteException(store, e);
        }
    }

    /** A local write failed: not retried, reported with the path and reason. */
    static final class LocalWriteException extends StoreException {
        LocalWriteException(Path store, IOException cause) {
            super("cannot store the download in " + store + ": " + IoErrors.describe(cause));
            initCause(cause);
        }
    }
}
