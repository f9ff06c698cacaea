package dev.jbuild.store.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file-system calls layer trees need and java.nio lacks: owners, full modes (setuid, setgid,
 * sticky), device nodes, fifos, extended attributes in every namespace, and times of symlinks. All
 * act on the path itself, never on a symlink's target. The libc functions are bound through JNI
 * ({@link LibC}), loaded on first use: binding them through jnr-ffi cost 110-160 ms of each command.
 */
public final class Posix {
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int ERANGE = 34;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;
    private static final int MNT_DETACH = 2;

    private Posix() {
    }

    /** jbuild's JNI library, loaded once: null, or why it could not be. */
    private static final class Library {
        static final String FAILURE = load();

        private static String load() {
            try {
                System.load(NativeFile.find(LibC.class, "libjbuild-libc-" + System.getProperty("os.arch") + ".so", false).toString());
                return null;
            } catch (UnsatisfiedLinkError | java.io.UncheckedIOException e) {
                return "cannot load jbuild's libc binding: " + e.getMessage();
            }
        }
    }

    /** Whether jbuild's JNI library is loaded (loading it now if it was not). */
    static boolean libraryLoaded() {
        return Library.FAILURE == null;
    }

    /** What a metadata snapshot compares of an entry; times in nanoseconds, mode with the type bits. */
    public record Stat(int mode, int uid, int gid, long inode, long size, long mtime, long ctime) {
    }

    /** lstat(2) with times in nanoseconds, for a metadata snapshot's comparisons. */
    public static Stat stat(Path path) throws IOException {
        long[] f = lstatFields(path);
        return new Stat((int) f[0], (int) f[1], (int) f[2], f[3], f[7], f[8], f[9]);
    }

    /** Whether {@code path}, its links followed, is a socket (an SSH agent's); false when it does not exist. */
    public static boolean isSocket(Path path) {
        try {
            return lstat(path.toRealPath()).type() == FileInfo.S_IFSOCK;
        } catch (IOException e) {
            return false;
        }
    }

    /** lstat(2): owner, mode with type bits, inode, device numbers, as layer tars need them. */
    public static FileInfo lstat(Path path) throws IOException {
        long[] f = lstatFields(path);
        return new FileInfo((int) f[0], f[1], f[2], f[3], f[4], f[5], (int) f[6], f[7], Math.floorDiv(f[8], 1_000_000_000L));
    }

    /** One lstat(2) (no attribute map per file, as java.nio's unix view builds); failures as java.nio reports them. */
    private static long[] lstatFields(Path path) throws IOException {
        long[] f = new long[10];
        int result = LibC.lstat(bytes(path), f);
        if (result == -ENOENT) {
            throw new NoSuchFileException(path.toString());
        }
        if (result == -EACCES) {
            throw new AccessDeniedException(path.toString());
        }
        if (result != 0) {
            throw new FileSystemException(path.toString(), null, LibC.strerror(-result));
        }
        return f;
    }

    public static void chmod(Path path, int mode) throws IOException {
        check(LibC.chmod(bytes(path), mode & 07777), "chmod", path);
    }

    /** @throws UnmappedIdException when the id has no mapping in this user namespace */
    public static void lchown(Path path, long uid, long gid) throws IOException {
        int result = LibC.lchown(bytes(path), (int) uid, (int) gid);
        if (result != 0) {
            int errno = -result;
            if (errno == EINVAL) {
                throw new UnmappedIdException(path, uid, gid);
            }
            throw failure("chown", path, errno);
        }
    }

    public static void mkfifo(Path path, int mode) throws IOException {
        check(LibC.mkfifo(bytes(path), mode & 07777), "mkfifo", path);
    }

    /** @param typeBits FileInfo.S_IFCHR or S_IFBLK */
    public static void mknod(Path path, int typeBits, int mode, long major, long minor) throws IOException {
        check(LibC.mknod(bytes(path), typeBits | (mode & 07777), major, minor), "mknod", path);
    }

    /** Sets access and modification time to {@code seconds}, on a symlink itself when it is one. */
    public static void setTime(Path path, long seconds) throws IOException {
        check(LibC.setTime(bytes(path), seconds), "set times of", path);
    }

    /** Every extended attribute, with raw values; empty where the file system has none. */
    public static Map<String, byte[]> xattrs(Path path) throws IOException {
        byte[] p = bytes(path);
        Map<String, byte[]> result = new TreeMap<>();
        byte[] names = sized(buffer -> LibC.llistxattr(p, buffer), "list xattrs of", path);
        if (names == null) {
            return result;
        }
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                String name = new String(names, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                byte[] value = xattr(p, path, name);
                if (value != null) {
                    result.put(name, value);
                }
            }
        }
        return result;
    }

    /** One attribute's value, or null when the file has none of that name. */
    public static byte[] xattr(Path path, String name) throws IOException {
        return xattr(bytes(path), path, name);
    }

    /** The same with the path already in the bytes libc takes: {@link #xattrs} reads every attribute of one path. */
    private static byte[] xattr(byte[] p, Path path, String name) throws IOException {
        byte[] n = bytes(name);
        return sized(buffer -> LibC.lgetxattr(p, n, buffer), "read xattr " + name + " of", path);
    }

    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        check(LibC.lsetxattr(bytes(path), bytes(name), value), "set xattr " + name + " on", path);
    }

    /** Removes an extended attribute; one that is not there is no error. */
    public static void removeXattr(Path path, String name) throws IOException {
        int result = LibC.lremovexattr(bytes(path), bytes(name));
        if (result != 0) {
            int errno = -result;
            if (errno != ENODATA && errno != ENOTSUP) {
                throw failure("remove xattr " + name + " from", path, errno);
            }
        }
    }

    /**
     * Mounts an overlay at {@code target}; relative paths in {@code options} are taken from {@code dir}
     * (as a mount(8) started there would).
     */
    public static void mountOverlay(Path dir, String options, Path target) throws IOException {
        int result = LibC.mountFrom(bytes(dir), bytes("overlay"), bytes(target), bytes("overlay"), 0, bytes(options));
        if (result != 0) {
            throw new IOException(LibC.strerror(-result));
        }
    }

    /** Detaches the mount at {@code target} (umount2 MNT_DETACH, as umount --lazy); one not mounted is no error. */
    public static void unmountLazily(Path target) throws IOException {
        int result = LibC.umount2(bytes(target), MNT_DETACH);
        if (result != 0 && -result != EINVAL && -result != ENOENT) {
            throw failure("unmount", target, -result);
        }
    }

    /** kill(2): Java's ProcessHandle sends SIGTERM and SIGKILL only. A process already gone is no error. */
    public static void signal(long pid, int signal) throws IOException {
        if (Library.FAILURE != null) {
            throw new IOException(Library.FAILURE);
        }
        int result = LibC.kill(pid, signal);
        if (result != 0 && -result != ESRCH) {
            throw new IOException("cannot signal process " + pid + ": " + LibC.strerror(-result));
        }
    }

    /** A call that fills the buffer it is given, or with null answers the size it needs; -errno on failure. */
    private interface SizedCall {
        long call(byte[] buffer);
    }

    /** The query-size-then-read dance of the xattr calls, retried when the value grows in between. */
    private static byte[] sized(SizedCall call, String what, Path path) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            long size = call.call(null);
            long read = size;
            if (size >= 0) {
                byte[] buffer = new byte[(int) size];
                read = size == 0 ? 0 : call.call(buffer);
                if (read >= 0) {
                    return Arrays.copyOf(buffer, (int) read);
                }
            }
            int errno = (int) -read;
            if (errno == ENODATA || errno == ENOTSUP) {
                return null;
            }
            if (errno != ERANGE) {
                throw failure(what, path, errno);
            }
        }
        throw new IOException("cannot " + what + " " + path + ": it keeps changing size");
    }

    private static void check(int result, String what, Path path) throws IOException {
        if (result != 0) {
            throw failure(what, path, -result);
        }
    }

    private static IOException failure(String what, Path path, int errno) {
        return new IOException("cannot " + what + " " + path + ": " + LibC.strerror(errno));
    }

    /**
     * What a libc call takes for a path or name: its bytes, NUL-terminated. Every call passes one, so
     * this is where the library is loaded, on first use, and where failing to load it is reported.
     */
    static byte[] bytes(Object pathOrName) throws IOException {
        if (Library.FAILURE != null) {
            throw new IOException(Library.FAILURE);
        }
        byte[] text = pathOrName.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1);
    }
}
