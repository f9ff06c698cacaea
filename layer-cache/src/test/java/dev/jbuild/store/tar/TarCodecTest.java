package dev.jbuild.store.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer tar codec, against itself and against GNU tar. */
class TarCodecTest {
    private static final byte[] CAPABILITY = new byte[20];

    static {
        for (int i = 0; i < CAPABILITY.length; i++) {
            CAPABILITY[i] = (byte) (i * 13 + 0x80); // binary, not valid UTF-8
        }
    }

    private static final String LONG = "deep/" + "d".repeat(120) + "/file-with-a-long-name-" + "\u00e9".repeat(30);

    private static List<TarEntry> entries() {
        return List.of(
                TarEntry.directory("etc/", 0755, 1000),
                TarEntry.file("etc/hello", 0644, 6, 1000).withOwner(1000, 1000),
                TarEntry.file("usr/bin/ping", 04755, 3, 1000).withXattrs(Map.of("security.capability", CAPABILITY)),
                TarEntry.file(LONG, 0600, 0, 1000).withOwner(3_000_000, 70_000),
                new TarEntry("bin/sh", TarEntry.Type.SYMLINK, 0777, 0, 0, 0, 1000, "/" + "x".repeat(150), 0, 0, Map.of()),
                new TarEntry("etc/hello-again", TarEntry.Type.HARDLINK, 0644, 0, 0, 0, 1000, "etc/hello", 0, 0, Map.of()),
                new TarEntry("dev/null", TarEntry.Type.CHAR_DEVICE, 0666, 0, 0, 0, 1000, "", 1, 3, Map.of()),
                new TarEntry("run/fifo", TarEntry.Type.FIFO, 0600, 0, 0, 0, 1000, "", 0, 0, Map.of()),
                new TarEntry("tmp/", TarEntry.Type.DIRECTORY, 01777, 0, 0, 0, 1000, "", 0, 0, Map.of()));
    }

    private static byte[] write(List<TarEntry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(bytes)) {
            for (TarEntry e : entries) {
                byte[] content = e.name().equals("etc/hello") ? "hello\n".getBytes() : e.name().endsWith("ping") ? "elf".getBytes() : new byte[0];
                w.write(e, new ByteArrayInputStream(content));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        byte[] tar = write(entries());
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> read = new ArrayList<>();
        for (TarEntry e = r.next(); e != null; e = r.next()) {
            if (e.name().equals("etc/hello")) {
                assertEquals("hello\n", new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
            }
            read.add(e);
        }
        assertEquals(entries().size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            TarEntry want = entries().get(i);
            TarEntry got = read.get(i);
            assertEquals(want.name(), got.name());
            assertEquals(want.type(), got.type());
            assertEquals(want.mode(), got.mode(), want.name());
            assertEquals(want.uid(), got.uid());
            assertEquals(want.gid(), got.gid());
            assertEquals(want.mtime(), got.mtime());
            assertEquals(want.linkName(), got.linkName());
            assertEquals(want.devMajor(), got.devMajor());
            assertEquals(want.devMinor(), got.devMinor());
            assertEquals(want.xattrs().keySet(), got.xattrs().keySet());
        }
        assertArrayEquals(CAPABILITY, read.get(2).xattrs().get("security.capability"), "binary xattr intact");
        assertArrayEquals(tar, write(entries()), "same entries, same bytes");
    }

    @Test
    void sizesOverEightGibibytesGoInPax() throws Exception {
        long big = 9L << 30;
        byte[] headers = TarWriter.headers(TarEntry.file("huge", 0644, big, 0));
        String text = new String(headers, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(" size=" + big + "\n"), "PAX size record");
        assertEquals(3 * 512, headers.length, "PAX header, its records, the ustar header");
        assertEquals(0, TarFormat.getNumber(headers, 2 * 512 + TarFormat.SIZE, 12));
    }

    @Test
    void paxRecordLengthCountsItsOwnDigits() throws Exception {
        for (int n = 0; n < 300; n++) {
            byte[] rec = TarWriter.paxRecords(Map.of("k", "v".repeat(n).getBytes()));
            int declared = Integer.parseInt(new String(rec, 0, new String(rec).indexOf(' ')));
            assertEquals(rec.length, declared, "value of " + n + " bytes");
            assertArrayEquals("v".repeat(n).getBytes(), TarReader.parsePax(rec).get("k"));
        }
    }

    @Test
    void gnuTarReadsWhatWeWriteAndWeReadWhatItWrites(@TempDir Path dir) throws Exception {
        Path ours = dir.resolve("ours.tar");
        Files.write(ours, write(entries()));
        Process list = new ProcessBuilder("tar", "--numeric-owner", "-tvf", ours.toString()).redirectErrorStream(true).start();
        String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor(), listing);
        assertTrue(listing.contains(LONG), listing);
        assertTrue(listing.contains("3000000/70000"), listing);
        assertTrue(listing.contains("-rwsr-xr-x 0/0"), listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("crw-rw-rw- 0/0 +1,3 .* dev/null")), listing);
        assertTrue(listing.contains("etc/hello-again link to etc/hello"), listing);
        assertTrue(listing.contains("drwxrwxrwt"), listing);

        Path tree = Files.createDirectories(dir.resolve("tree/a"));
        Files.writeString(tree.resolve("file"), "x");
        Path theirs = dir.resolve("theirs.tar");
        Process create = new ProcessBuilder("tar", "--format=gnu", "-C", dir.resolve("tree").toString(), "-cf", theirs.toString(),
                "a").redirectErrorStream(true).start();
        assertEquals(0, create.waitFor());
        TarReader r = new TarReader(Files.newInputStream(theirs));
        assertEquals("a/", r.next().name());
        TarEntry file = r.next();
        assertEquals("a/file", file.name());
        assertEquals("x", new String(r.content().readAllBytes()));
        assertNull(r.next());
    }

    @Test
    void binaryXattrsCrossGnuTarBothWays(@TempDir Path dir) throws Exception {
        byte[] value = {(byte) 0x80, 0, (byte) 0xff, '\n'};
        Path file = Files.writeString(dir.resolve("f"), "x");
        java.nio.file.attribute.UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        view.write("bin", java.nio.ByteBuffer.wrap(value)); // user.bin
        Path theirs = dir.resolve("theirs.tar");
        Process create = new ProcessBuilder("tar", "--xattrs", "--xattrs-include=*", "--format=posix", "-C", dir.toString(),
                "-cf", theirs.toString(), "f").redirectErrorStream(true).start();
        assertEquals(0, create.waitFor(), new String(create.getInputStream().readAllBytes()));
        TarEntry read = new TarReader(Files.newInputStream(theirs)).next();
        assertArrayEquals(value, read.xattrs().get("user.bin"), "our reader keeps GNU tar's binary value");

        Path ours = dir.resolve("ours.tar");
        Files.write(ours, write(List.of(TarEntry.file("etc/hello", 0644, 6, 0).withXattrs(Map.of("user.bin", value)))));
        Path out = Files.createDirectories(dir.resolve("out"));
        Process extract = new ProcessBuilder("tar", "--xattrs", "--xattrs-include=*", "--no-same-owner", "-C", out.toString(),
                "-xf", ours.toString()).redirectErrorStream(true).start();
        assertEquals(0, extract.waitFor(), new String(extract.getInputStream().readAllBytes()));
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        Files.getFileAttributeView(out.resolve("etc/hello"), java.nio.file.attribute.UserDefinedFileAttributeView.class)
                .read("bin", buffer);
        assertArrayEquals(value, java.util.Arrays.copyOf(buffer.array(), buffer.position()), "GNU tar reads our binary value");
    }

    @Test
    void damagedHeadersAreRefused() throws Exception {
        byte[] tar = write(entries());
        tar[10] ^= 1;
        IOException e = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(tar)).next());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(write(entries()), 512 + 100);
        TarReader r = new TarReader(new ByteArrayInputStream(cut));
        r.next();
        assertThrows(IOException.class, r::next);
    }
}
