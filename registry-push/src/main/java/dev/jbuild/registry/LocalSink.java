package dev.jbuild.registry;

import dev.jbuild.store.fs.IoErrors;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a download is written locally. A failure here (a full disk, a read-only store) is not the
 * registry's: it becomes a {@link LocalWriteException}, which no retry loop takes for a cut connection.
 */
final class LocalSink extends FilterOutputStream {

    LocalSink(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new LocalWriteException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new LocalWriteException(e);
        }
    }

    /** A local write failed: not retried, reported with the path and reason. */
    static final class LocalWriteException extends RegistryException {
        LocalWriteException(IOException cause) {
            super("cannot store the download: " + IoErrors.describe(cause));
            initCause(cause);
        }
    }
}
