package dev.jbuild.registry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body that may not exceed {@code limit} bytes: a registry that sends more (a manifest without end, a
 * layer larger than its descriptor says) fails the read with {@code message} as soon as the first byte
 * past the limit arrives, before anything that large is held or written.
 */
public final class BoundedStream extends FilterInputStream {
    /** What a manifest, config or token may be at most (containerd's bound for manifests). */
    public static final long DOCUMENT_LIMIT = 4 << 20;
    private final long limit;
    private final String message;
    private long read;

    public BoundedStream(InputStream in, long limit, String message) {
        super(in);
        this.limit = limit;
        this.message = message;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        // never more than one byte past the limit: enough to know, nothing more to hold
        int n = super.read(buffer, off, (int) Math.min(len, Math.max(1, limit + 1 - read)));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw new IOException(message);
        }
    }
}
