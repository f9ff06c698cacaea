package dev.jbuild.registry;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Tells how many bytes have passed, after each write. */
final class CountingOutputStream extends FilterOutputStream {
    private final LongConsumer progress;
    private long count;

    CountingOutputStream(OutputStream out, LongConsumer progress) {
        super(out);
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        progress.accept(++count);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
        progress.accept(count);
    }

    @Override
    public void close() {
        // the caller owns the underlying stream
    }
}
