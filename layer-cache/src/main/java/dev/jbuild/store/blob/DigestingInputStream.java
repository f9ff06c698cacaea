package dev.jbuild.store.blob;

import dev.jbuild.store.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Computes the sha256 of what is read through it, to check a download or a layer as it streams.
 * Skipped bytes are read, so they count too.
 */
public final class DigestingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = DigestingOutputStream.newSha256();

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sha256.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** The digest of everything read; call once, at the end. */
    public Digest digest() {
        return Digest.sha256(HexFormat.of().formatHex(sha256.digest()));
    }
}
