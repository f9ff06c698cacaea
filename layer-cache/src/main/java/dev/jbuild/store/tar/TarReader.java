package dev.jbuild.store.tar;

import dev.jbuild.store.BulkInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads tars as layers come: ustar and v7 headers, PAX extended and global headers (values kept as
 * raw bytes, so binary xattrs survive), GNU long names and links, base-256 numbers. Each entry's
 * content is read through {@link #content()} before the next {@link #next()}.
 */
public final class TarReader {
    private static final int MAX_EXTENDED = 16 << 20;
    private final InputStream in;
    private final Map<String, byte[]> global = new LinkedHashMap<>();
    private long remaining;
    private long padding;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * Whether {@code block}, the first 512 bytes of a stream, starts a tar archive: a header whose
     * checksum holds (old v7 archives have no magic to look for), or the zero block of an empty one.
     */
    public static boolean startsArchive(byte[] block) {
        if (block.length < TarFormat.BLOCK) {
            return false;
        }
        if (isZero(block)) {
            return true;
        }
        try {
            return TarFormat.getNumber(block, TarFormat.CHKSUM, 8) == TarFormat.checksum(block);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The next entry, or null at the end of the archive. */
    public TarEntry next() throws IOException {
        skipRest();
        Map<String, byte[]> pax = new LinkedHashMap<>(global);
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] h = new byte[TarFormat.BLOCK];
            if (!readBlock(h)) {
                return null;
            }
            if (isZero(h)) {
                return null; // the end-of-archive blocks
            }
            if (TarFormat.getNumber(h, TarFormat.CHKSUM, 8) != TarFormat.checksum(h)) {
                throw new IOException("tar header checksum mismatch: damaged archive, or not a tar");
            }
            char type = (char) h[TarFormat.TYPE];
            long size = TarFormat.getNumber(h, TarFormat.SIZE, 12);
            switch (type) {
                case 'x' -> pax.putAll(parsePax(readExtended(size)));
                case 'g' -> {
                    Map<String, byte[]> g = parsePax(readExtended(size));
                    global.putAll(g);
                    pax.putAll(g);
                }
                case 'L' -> longName = cString(readExtended(size));
                case 'K' -> longLink = cString(readExtended(size));
                default -> {
                    return entry(h, type, size, pax, longName, longLink);
                }
            }
        }
    }

    private TarEntry entry(byte[] h, char type, long headerSize, Map<String, byte[]> pax, String longName,
                           String longLink) throws IOException {
        String name = TarFormat.getString(h, TarFormat.NAME, TarFormat.NAME_LEN);
        boolean ustar = new String(h, TarFormat.MAGIC, 5, StandardCharsets.US_ASCII).equals("ustar");
        if (ustar && h[TarFormat.PREFIX] != 0) {
            name = TarFormat.getString(h, TarFormat.PREFIX, TarFormat.PREFIX_LEN) + "/" + name;
        }
        if (longName != null) {
            name = longName;
        }
        String link = longLink != null ? longLink : TarFormat.getString(h, TarFormat.LINKNAME, TarFormat.NAME_LEN);
        long size = headerSize;
        long uid = TarFormat.getNumber(h, TarFormat.UID, 8);
        long gid = TarFormat.getNumber(h, TarFormat.GID, 8);
        long mtime = TarFormat.getNumber(h, TarFormat.MTIME, 12);
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            String v = new String(r.getValue(), StandardCharsets.UTF_8);
            switch (r.getKey()) {
                case "path" -> name = v;
                case "linkpath" -> link = v;
                case "size" -> size = Long.parseLong(v);
                case "uid" -> uid = Long.parseLong(v);
                case "gid" -> gid = Long.parseLong(v);
                case "mtime" -> mtime = (long) Math.floor(Double.parseDouble(v));
                default -> {
                    if (r.getKey().startsWith(TarFormat.PAX_XATTR)) {
                        xattrs.put(r.getKey().substring(TarFormat.PAX_XATTR.length()), r.getValue());
                    } else if (r.getKey().startsWith("GNU.sparse")) {
                        throw new IOException(name + ": sparse tar entries are not supported");
                    }
                }
            }
        }
        TarEntry.Type t;
        try {
            t = TarEntry.Type.of(type);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage());
        }
        if (t == TarEntry.Type.REGULAR && name.endsWith("/") && type == 0) {
            t = TarEntry.Type.DIRECTORY; // v7 archives mark directories by the slash
        }
        long content = t == TarEntry.Type.REGULAR ? size : 0;
        remaining = size; // data after a non-file header (rare) is skipped with the next call
        padding = (TarFormat.BLOCK - size % TarFormat.BLOCK) % TarFormat.BLOCK;
        return new TarEntry(name, t, (int) TarFormat.getNumber(h, TarFormat.MODE, 8), uid, gid, content, mtime, link,
                TarFormat.getNumber(h, TarFormat.DEVMAJOR, 8), TarFormat.getNumber(h, TarFormat.DEVMINOR, 8), xattrs);
    }

    /** The current entry's bytes; reading stops at its end. */
    public InputStream content() {
        return new BulkInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar archive ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private void skipRest() throws IOException {
        long skip = remaining + padding;
        remaining = 0;
        padding = 0;
        while (skip > 0) {
            long n = in.skip(skip);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive ends inside an entry");
                }
                n = 1;
            }
            skip -= n;
        }
    }

    private byte[] readExtended(long size) throws IOException {
        if (size < 0 || size > MAX_EXTENDED) {
            throw new IOException("extended tar header of " + size + " bytes refused");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("tar archive ends inside an extended header");
        }
        long pad = (TarFormat.BLOCK - size % TarFormat.BLOCK) % TarFormat.BLOCK;
        if (in.readNBytes((int) pad).length != pad) {
            throw new EOFException("tar archive ends inside an extended header");
        }
        return data;
    }

    static Map<String, byte[]> parsePax(byte[] data) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed PAX record");
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new IOException("malformed PAX record");
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end) {
                throw new IOException("malformed PAX record");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            out.put(key, Arrays.copyOfRange(data, eq + 1, end - 1));
            pos = end;
        }
        return out;
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        if (n == 0) {
            return false;
        }
        if (n != block.length) {
            throw new EOFException("tar archive ends inside a header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
