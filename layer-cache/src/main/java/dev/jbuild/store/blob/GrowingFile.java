package dev.jbuild.store.blob;

import dev.jbuild.store.BulkInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file one thread writes while another reads it as it grows: the reader gets each byte once it is
 * written, and the end only once the writer says the file is whole. So a blob can be sent while it is
 * still being made, and sent again from the whole file should that first sending fail.
 */
public final class GrowingFile {
    private final Path file;
    private long written; // guarded by this
    private boolean whole;
    private IOException failure;

    public GrowingFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Writes the file from its start; closing it does not make it whole ({@link #finish} does). */
    public OutputStream writer() throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                grew(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                grew(len);
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private synchronized void grew(long bytes) {
        written += bytes;
        notifyAll();
    }

    /** Every byte is written: readers reach the end. */
    public synchronized void finish() {
        whole = true;
        notifyAll();
    }

    /** The file will never be whole: readers waiting for more fail with {@code cause}. */
    public synchronized void fail(Exception cause) {
        failure = new IOException("the blob being sent was not made: " + cause.getMessage(), cause);
        notifyAll();
    }

    /** The file from its first byte, waiting for bytes not written yet. */
    public InputStream reader() {
        return new Reader();
    }

    /** How far a reader at {@code position} may read: 0 at the end, waiting while the writer is behind. */
    private synchronized long readable(long position) throws IOException {
        while (written <= position && !whole && failure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a blob being made");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return written - position;
    }

    private final class Reader extends BulkInputStream {
        private FileChannel channel;
        private long position;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long available = readable(position);
            if (available == 0) {
                return -1;
            }
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
