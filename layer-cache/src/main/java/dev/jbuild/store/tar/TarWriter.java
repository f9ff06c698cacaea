package dev.jbuild.store.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes layer tars: ustar headers, with a PAX header before an entry whose name, link, size, ids
 * or times do not fit, or that has extended attributes. PAX values are written as raw bytes, so
 * binary attributes (security.capability) survive, as Go's archive/tar and GNU tar write them.
 * Output is a pure function of the entries: no user or group names, no access or change times.
 */
public final class TarWriter implements AutoCloseable {
    private final OutputStream out;
    private static final byte[] ZEROS = new byte[TarFormat.BLOCK];
    /** One for every file's content: a buffer a file was 64 KiB of garbage per file, 128 MB for 2,000 (68 collections). */
    private final byte[] buffer = new byte[1 << 16];
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one entry; {@code content} (for regular files) must hold exactly {@code entry.size()} bytes. */
    public void write(TarEntry entry, InputStream content) throws IOException {
        out.write(headers(entry));
        if (entry.hasContent() && entry.size() > 0) {
            long copied = copy(content, entry.size());
            if (copied != entry.size()) {
                throw new IOException(entry.name() + ": expected " + entry.size() + " bytes, got " + copied);
            }
            pad(entry.size());
        }
    }

    private long copy(InputStream in, long size) throws IOException {
        long total = 0;
        while (total < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % TarFormat.BLOCK);
        if (rest != 0) {
            out.write(ZEROS, 0, TarFormat.BLOCK - rest);
        }
    }

    /** The header block(s) of an entry: a PAX extended header when needed, then the ustar header. */
    static byte[] headers(TarEntry e) throws IOException {
        Map<String, byte[]> pax = new LinkedHashMap<>();
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        byte[] link = e.linkName().getBytes(StandardCharsets.UTF_8);
        if (name.length > TarFormat.NAME_LEN) {
            pax.put("path", name);
        }
        if (link.length > TarFormat.NAME_LEN) {
            pax.put("linkpath", link);
        }
        long size = e.hasContent() ? e.size() : 0;
        needs(pax, "size", size, TarFormat.maxOctal(12));
        needs(pax, "uid", e.uid(), TarFormat.maxOctal(8));
        needs(pax, "gid", e.gid(), TarFormat.maxOctal(8));
        needs(pax, "mtime", e.mtime(), TarFormat.maxOctal(12));
        e.xattrs().forEach((k, v) -> pax.put(TarFormat.PAX_XATTR + k, v));
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            String base = e.name().replaceAll("/+$", "");
            base = base.substring(base.lastIndexOf('/') + 1);
            String paxName = "PaxHeaders.0/" + base;
            byte[] header = ustar(truncate(paxName), 'x', 0644, 0, 0, records.length, clamp(e.mtime(), 12), "", 0, 0);
            blocks.write(header);
            blocks.write(records);
            int rest = records.length % TarFormat.BLOCK;
            if (rest != 0) {
                blocks.write(new byte[TarFormat.BLOCK - rest]);
            }
        }
        blocks.write(ustar(truncate(e.name()), e.type().flag, e.mode(), clamp(e.uid(), 8), clamp(e.gid(), 8),
                clamp(size, 12), clamp(e.mtime(), 12), truncate(e.linkName()), e.devMajor(), e.devMinor()));
        return blocks.toByteArray();
    }

    private static void needs(Map<String, byte[]> pax, String key, long value, long max) {
        if (value < 0 || value > max) {
            pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static long clamp(long value, int width) {
        return value < 0 || value > TarFormat.maxOctal(width) ? 0 : value;
    }

    /** The ustar field holds at most 100 bytes of the name; the PAX record has the whole of it. */
    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= TarFormat.NAME_LEN) {
            return s;
        }
        int cut = TarFormat.NAME_LEN;
        while (cut > 0 && (b[cut] & 0xc0) == 0x80) {
            cut--; // never split a UTF-8 sequence
        }
        return new String(b, 0, cut, StandardCharsets.UTF_8);
    }

    /** PAX records: "LEN key=value\n", LEN counting its own digits. */
    static byte[] paxRecords(Map<String, byte[]> pax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + key.length + 1 + r.getValue().length + 1;
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length = body + Integer.toString(length).length();
            }
            out.write((length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(key);
            out.write('=');
            out.write(r.getValue());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] ustar(String name, char type, int mode, long uid, long gid, long size, long mtime,
                                String link, long major, long minor) {
        byte[] h = new byte[TarFormat.BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, TarFormat.NAME, n.length);
        TarFormat.putOctal(h, TarFormat.MODE, 8, mode & 07777);
        TarFormat.putOctal(h, TarFormat.UID, 8, uid);
        TarFormat.putOctal(h, TarFormat.GID, 8, gid);
        TarFormat.putOctal(h, TarFormat.SIZE, 12, size);
        TarFormat.putOctal(h, TarFormat.MTIME, 12, mtime);
        h[TarFormat.TYPE] = (byte) type;
        byte[] l = link.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(l, 0, h, TarFormat.LINKNAME, l.length);
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, TarFormat.MAGIC, 6);
        h[TarFormat.VERSION] = '0';
        h[TarFormat.VERSION + 1] = '0';
        if (type == TarEntry.Type.CHAR_DEVICE.flag || type == TarEntry.Type.BLOCK_DEVICE.flag) {
            TarFormat.putOctal(h, TarFormat.DEVMAJOR, 8, major);
            TarFormat.putOctal(h, TarFormat.DEVMINOR, 8, minor);
        }
        // Six digits, NUL, space; not String.format, whose parsing of the format is a regex per entry.
        TarFormat.putOctal(h, TarFormat.CHKSUM, 7, TarFormat.checksum(h));
        h[TarFormat.CHKSUM + 7] = ' ';
        return h;
    }

    /** Writes the two zero blocks that end an archive. */
    public void finish() throws IOException {
        if (!finished) {
            out.write(new byte[2 * TarFormat.BLOCK]);
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
