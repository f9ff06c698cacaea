package dev.jbuild.store;

import java.io.IOException;
import java.io.InputStream;

/** A stream that reads only in bulk: its one-byte {@link #read()} goes through {@link #read(byte[], int, int)}. */
public abstract class BulkInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
