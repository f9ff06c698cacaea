package dev.jbuild.registry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body of a stated Content-Length that fails when the connection ends before it: HttpURLConnection
 * reports such a cut as a plain end of stream, which would pass a cut download off as a whole one.
 */
final class ExactLengthStream extends FilterInputStream {
    private final long expected;
    private long read;

    ExactLengthStream(InputStream in, long expected) {
        super(in);
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        count(len == 0 ? 0 : n);
        return n;
    }

    private void count(int n) throws IOException {
        if (n < 0 && read < expected) {
            throw new IOException("unexpected end of stream: the connection closed after " + read + " of " + expected + " bytes");
        }
        read += Math.max(n, 0);
    }
}
