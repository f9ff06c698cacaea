package dev.jbuild.store.tar;

import java.nio.charset.StandardCharsets;

/** Field offsets and numeric encodings of the ustar header, shared by reader and writer. */
final class TarFormat {
    static final int BLOCK = 512;
    static final int NAME = 0;
    static final int NAME_LEN = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int SIZE = 124;
    static final int MTIME = 136;
    static final int CHKSUM = 148;
    static final int TYPE = 156;
    static final int LINKNAME = 157;
    static final int MAGIC = 257;
    static final int VERSION = 263;
    static final int DEVMAJOR = 329;
    static final int DEVMINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LEN = 155;
    static final String PAX_XATTR = "SCHILY.xattr.";

    private TarFormat() {
    }

    /** The largest value an octal field of {@code width} bytes holds (one byte goes to the terminator). */
    static long maxOctal(int width) {
        return (1L << (3 * (width - 1))) - 1;
    }

    static void putOctal(byte[] header, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        int pad = width - 1 - digits.length();
        for (int i = 0; i < pad; i++) {
            header[offset + i] = '0';
        }
        byte[] d = digits.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(d, 0, header, offset + pad, d.length);
        header[offset + width - 1] = 0;
    }

    /** Octal (space/NUL terminated), or GNU base-256 when the first byte has its high bit set. */
    static long getNumber(byte[] header, int offset, int width) {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < width; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + width;
        while (i < end && header[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = (value << 3) + (header[i] - '0');
        }
        if (i < end && header[i] != 0 && header[i] != ' ') {
            throw new IllegalArgumentException("invalid octal number in tar header");
        }
        return value;
    }

    static long checksum(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= CHKSUM && i < CHKSUM + 8) ? ' ' : (header[i] & 0xff);
        }
        return sum;
    }

    static String getString(byte[] header, int offset, int width) {
        int end = offset;
        while (end < offset + width && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
