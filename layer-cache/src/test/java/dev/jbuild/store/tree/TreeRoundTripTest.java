package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.tar.TarEntry;
import dev.jbuild.store.tar.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directory → layer tar → directory, on a real file system inside jbuild's namespace (the test JVM
 * runs under bin/lib/in-namespace/bin/java): owners, special bits, devices, fifos, hard links, binary
 * xattrs and overlay whiteouts survive, and the second tar is byte for byte the first.
 */
class TreeRoundTripTest {
    /** A version-2 file capability (cap_net_raw+ep): binary, not valid UTF-8. */
    private static final byte[] CAP_NET_RAW = {0, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long MTIME = 1_700_000_000L;
    /** Only real root may make device nodes; in a user namespace they are skipped on extraction. */
    private static final boolean REAL_ROOT = UserNamespace.isRealRoot();

    @TempDir
    Path tmp;

    private Path sampleTree() throws IOException {
        Path t = Files.createDirectory(tmp.resolve("tree"));
        Files.createDirectories(t.resolve("usr/bin"));
        Path ping = Files.writeString(t.resolve("usr/bin/ping"), "ping");
        Posix.chmod(ping, 04755);
        Posix.setXattr(ping, "security.capability", CAP_NET_RAW);
        Path tmpDir = Files.createDirectory(t.resolve("tmp"));
        Posix.chmod(tmpDir, 01777);
        Path shared = Files.createDirectory(t.resolve("shared"));
        Posix.chmod(shared, 02775);
        Path home = Files.createDirectories(t.resolve("home/app"));
        Files.writeString(home.resolve("notes"), "mine");
        Posix.lchown(home.resolve("notes"), 1000, 1001);
        Posix.lchown(home, 1000, 1001);
        Files.createSymbolicLink(t.resolve("usr/bin/pong"), Path.of("ping"));
        Files.createLink(t.resolve("usr/bin/ping6"), ping);
        Posix.mkfifo(t.resolve("tmp/fifo"), 0600);
        Files.createDirectory(t.resolve("dev"));
        if (REAL_ROOT) {
            Posix.mknod(t.resolve("dev/null"), FileInfo.S_IFCHR, 0666, 1, 3);
        }
        Posix.mknod(t.resolve("gone"), FileInfo.S_IFCHR, 0, 0, 0); // overlay whiteout
        Path opaque = Files.createDirectory(t.resolve("replaced"));
        Posix.setXattr(opaque, Whiteouts.USER_OPAQUE_XATTR, "y".getBytes());
        Files.writeString(opaque.resolve("new"), "fresh");
        Posix.setXattr(t.resolve("home/app/notes"), "user.comment", "kept".getBytes());
        try (var all = Files.walk(t)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Posix.setTime(p, MTIME);
            }
        }
        return t;
    }

    private static byte[] tar(Path root, OptionalLong clamp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeWriter(clamp).write(root, out);
        return out.toByteArray();
    }

    private static Map<String, TarEntry> entries(byte[] tar) throws IOException {
        Map<String, TarEntry> entries = new LinkedHashMap<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            entries.put(e.name(), e);
        }
        return entries;
    }

    @Test
    void overlayWhiteoutsBecomeOciWhiteoutsAndEverythingElseIsKept() throws IOException {
        Map<String, TarEntry> e = entries(tar(sampleTree(), OptionalLong.empty()));

        assertEquals(java.util.List.of("dev/", ".wh.gone", "home/", "home/app/", "home/app/notes", "replaced/",
                "replaced/.wh..wh..opq", "replaced/new", "shared/", "tmp/", "tmp/fifo", "usr/", "usr/bin/", "usr/bin/ping",
                "usr/bin/ping6", "usr/bin/pong"), java.util.List.copyOf(e.keySet()).stream().filter(n -> !n.equals("dev/null")).toList());
        assertEquals(04755, e.get("usr/bin/ping").mode());
        assertArrayEquals(CAP_NET_RAW, e.get("usr/bin/ping").xattrs().get("security.capability"));
        assertEquals(TarEntry.Type.HARDLINK, e.get("usr/bin/ping6").type());
        assertEquals("usr/bin/ping", e.get("usr/bin/ping6").linkName());
        assertEquals("ping", e.get("usr/bin/pong").linkName());
        assertEquals(01777, e.get("tmp/").mode());
        assertEquals(02775, e.get("shared/").mode());
        assertEquals(1000, e.get("home/app/notes").uid());
        assertEquals(1001, e.get("home/app/notes").gid());
        assertEquals(TarEntry.Type.FIFO, e.get("tmp/fifo").type());
        if (REAL_ROOT) {
            assertEquals(TarEntry.Type.CHAR_DEVICE, e.get("dev/null").type());
            assertEquals(1, e.get("dev/null").devMajor());
            assertEquals(3, e.get("dev/null").devMinor());
        }
        assertEquals(MTIME, e.get("usr/bin/ping").mtime());
        assertFalse(e.get("replaced/").xattrs().containsKey(Whiteouts.USER_OPAQUE_XATTR), "overlay xattrs never reach a layer");
        assertArrayEquals("kept".getBytes(), e.get("home/app/notes").xattrs().get("user.comment"));
    }

    @Test
    void entriesAreInByteOrderDepthFirst() throws IOException {
        Path t = Files.createDirectory(tmp.resolve("order"));
        Files.createDirectories(t.resolve("a/b"));
        Files.writeString(t.resolve("a.txt"), "");
        Files.writeString(t.resolve("B"), "");
        Files.writeString(t.resolve("a/b/c"), "");
        assertEquals(java.util.List.of("B", "a/", "a/b/", "a/b/c", "a.txt"), java.util.List.copyOf(entries(tar(t, OptionalLong.empty())).keySet()));
    }

    @Test
    void extractingAndWritingAgainGivesTheSameBytes() throws IOException {
        byte[] first = tar(sampleTree(), OptionalLong.empty());
        Path copy = Files.createDirectory(tmp.resolve("copy"));
        new TreeExtractor(REAL_ROOT).extract(new ByteArrayInputStream(first), copy, "test");

        assertTrue(Posix.lstat(copy.resolve("gone")).isOverlayWhiteout(), ".wh.gone became a 0/0 device");
        assertArrayEquals("y".getBytes(), Posix.xattr(copy.resolve("replaced"), Whiteouts.USER_OPAQUE_XATTR));
        FileInfo ping = Posix.lstat(copy.resolve("usr/bin/ping"));
        assertEquals(04755, ping.permissions());
        assertEquals(Posix.lstat(copy.resolve("usr/bin/ping6")).inode(), ping.inode());
        assertEquals(1000, Posix.lstat(copy.resolve("home/app/notes")).uid());
        assertEquals(MTIME, Posix.lstat(copy.resolve("usr")).mtime(), "directory times are set after their children");

        assertArrayEquals(first, tar(copy, OptionalLong.empty()));
    }

    @Test
    void devicesAreSkippedInAUserNamespace() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var w = new dev.jbuild.store.tar.TarWriter(out)) {
            w.write(new TarEntry("dev/null", TarEntry.Type.CHAR_DEVICE, 0666, 0, 0, 0, MTIME, "", 1, 3, Map.of()), null);
        }
        Path target = Files.createDirectory(tmp.resolve("devices"));
        new TreeExtractor(REAL_ROOT).extract(new ByteArrayInputStream(out.toByteArray()), target, "test");
        if (REAL_ROOT) {
            assertEquals(1, Posix.lstat(target.resolve("dev/null")).rdevMajor());
        } else {
            assertFalse(Files.exists(target.resolve("dev/null"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void sourceDateEpochClampsTimesSoTheSameTreeGivesTheSameTar() throws IOException {
        Path one = sampleTree();
        byte[] a = tar(one, OptionalLong.of(1_000_000));
        try (var all = Files.walk(one)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Posix.setTime(p, MTIME + 12345); // "built later, on another machine"
            }
        }
        assertArrayEquals(a, tar(one, OptionalLong.of(1_000_000)));
        assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(tar(one, OptionalLong.empty())));
        assertEquals(1_000_000, entries(a).get("usr/bin/ping").mtime());
    }
}
