package dev.jbuild.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libc calls: modes with and without special bits, link times, xattrs, and errno in messages. */
class PosixTest {
    @TempDir
    Path tmp;

    @Test
    void modesTimesAndXattrsActOnThePathItself() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        Posix.chmod(file, 0640);
        assertEquals(0640, Posix.lstat(file).mode() & 07777);
        Posix.chmod(file, 04755);
        assertEquals(04755, Posix.lstat(file).mode() & 07777, "setuid needs libc's chmod");

        Path link = Files.createSymbolicLink(tmp.resolve("link"), file.getFileName());
        Posix.setTime(link, 1000);
        assertEquals(1000, Posix.lstat(link).mtime());
        assertNotEquals(1000, Posix.lstat(file).mtime(), "the link's time, not its target's");

        Posix.setXattr(file, "user.test", "value".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("value".getBytes(StandardCharsets.UTF_8), Posix.xattr(file, "user.test"));
        assertNull(Posix.xattr(file, "user.absent"));
        assertEquals(1, Posix.xattrs(file).size());
    }

    @Test
    void statSaysWhatJavaNioSays() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "12345");
        Files.createLink(tmp.resolve("hard"), file);
        Map<String, Object> nio = Files.readAttributes(file, "unix:mode,uid,gid,ino,dev,rdev,nlink,size,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        FileInfo info = Posix.lstat(file);
        assertEquals(new FileInfo((Integer) nio.get("mode"), (Integer) nio.get("uid"), (Integer) nio.get("gid"), (Long) nio.get("ino"),
                (Long) nio.get("dev"), (Long) nio.get("rdev"), 2, 5, ((FileTime) nio.get("lastModifiedTime")).toMillis() / 1000), info);
        Posix.Stat stat = Posix.stat(file);
        assertEquals(info.mode(), stat.mode());
        assertEquals(info.inode(), stat.inode());
        assertEquals(5, stat.size());
        assertEquals(info.mtime(), stat.mtime() / 1_000_000_000L);
        assertThrows(NoSuchFileException.class, () -> Posix.lstat(tmp.resolve("missing")));
        Posix.mkfifo(tmp.resolve("fifo"), 0600);
        assertEquals(FileInfo.S_IFIFO | 0600, Posix.stat(tmp.resolve("fifo")).mode());
    }

    @Test
    void anOverlayMountsWithRelativeLowerDirsAndUnmounts() throws IOException {
        Path dir = tmp.resolve("c");
        Files.createDirectories(dir.resolve("lower/sub"));
        Files.writeString(dir.resolve("lower/sub/file"), "from below");
        for (String d : new String[] {"upper", "work", "merged"}) {
            Files.createDirectories(dir.resolve(d));
        }
        String cwd = Path.of("").toAbsolutePath().toString();
        Posix.mountOverlay(dir, "lowerdir=lower,upperdir=upper,workdir=work,userxattr", dir.resolve("merged"));
        try {
            assertEquals("from below", Files.readString(dir.resolve("merged/sub/file")));
            Files.writeString(dir.resolve("merged/new"), "up");
            assertEquals("up", Files.readString(dir.resolve("upper/new")));
            assertEquals(cwd, Path.of("").toAbsolutePath().toString());
            assertEquals(cwd, Path.of(".").toRealPath().toString(), "the process's working directory stays");
        } finally {
            Posix.unmountLazily(dir.resolve("merged"));
        }
        assertFalse(Files.exists(dir.resolve("merged/sub")));
        Posix.unmountLazily(dir.resolve("merged")); // not mounted: no error

        IOException e = assertThrows(IOException.class, () -> Posix.mountOverlay(dir, "lowerdir=missing,upperdir=upper,workdir=work",
                dir.resolve("merged")));
        assertEquals("No such file or directory", e.getMessage());
    }

    @Test
    void failuresNameThePathAndTheReason() {
        IOException e = assertThrows(IOException.class, () -> Posix.chmod(tmp.resolve("missing"), 04755));
        assertEquals("cannot chmod " + tmp.resolve("missing") + ": No such file or directory", e.getMessage());
    }
}
