package dev.jbuild.store.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The file-system calls layer trees need and java.nio lacks: owners, full modes (setuid, setgid,
 * sticky), device nodes, fifos, extended attributes in every namespace, and times of symlinks. All
 * act on the path itself, never on a symlink's target. The libc functions are bound through jnr-ffi,
 * only these few: binding jnr-posix's whole libc interface cost ~0.26 s of a command, these ~0.13 s.
 */
public final class Posix {
    /** Loaded on first use: lstat and the everyday chmods (java.nio) do not need libc. */
    private static final class Native {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
    }
    private static final int EINVAL = 22;
    private static final int ERANGE = 34;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** The libc calls jbuild makes (64-bit Linux: time_t and long are 64 bits, as a timespec's two fields). */
    public interface LibC {
        int chmod(String path, int mode);

        int lchown(String path, int uid, int gid);

        int mkfifo(String path, int mode);

        int mknod(String path, int mode, long dev);

        int utimensat(int dirfd, String path, @In long[] times, int flags);

        @ssize_t long llistxattr(String path, @Out byte[] list, @size_t long size);

        @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

        int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

        int lremovexattr(String path, String name);

        int lstat(String path, @Out byte[] stat);

        String strerror(int errnum);
    }

    private Posix() {
    }

    /**
     * Binds libc on a background thread now: a caller that will need it soon (a build step about to
     * run) gets the ~0.13 s of binding done while it waits for processes, off its own path.
     */
    public static void prepare() {
        dev.jbuild.store.Parallel.headStart("bind-libc", () -> java.util.Objects.requireNonNull(Native.LIBC)); // initializes the holder
    }

    /** What a metadata snapshot compares of an entry; times in nanoseconds, mode with the type bits. */
    public record Stat(int mode, int uid, int gid, long inode, long size, long mtime, long ctime) {
    }

    /** struct stat's layout: x86-64 and arm64 (the generic one) differ in where mode and nlink sit. */
    private static final boolean X86_64 = "amd64".equals(System.getProperty("os.arch"));

    /** lstat(2) itself, for walks over whole trees: no attribute map per file, as java.nio's unix view builds. */
    public static Stat stat(Path path) throws IOException {
        byte[] buf = new byte[144];
        if (Native.LIBC.lstat(path.toString(), buf) != 0) {
            throw failure("stat", path, errno());
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long inode = b.getLong(8);
        int mode = X86_64 ? b.getInt(24) : b.getInt(16);
        int uid = X86_64 ? b.getInt(28) : b.getInt(24);
        int gid = X86_64 ? b.getInt(32) : b.getInt(28);
        long size = b.getLong(48);
        long mtime = b.getLong(88) * 1_000_000_000L + b.getLong(96); // st_mtim, st_ctim: the same place on both
        long ctime = b.getLong(104) * 1_000_000_000L + b.getLong(112);
        return new Stat(mode, uid, gid, inode, size, mtime, ctime);
    }

    /** lstat through java.nio's "unix" view: owner, mode with type bits, inode, device numbers. */
    public static FileInfo lstat(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev,rdev,nlink,size,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        return new FileInfo((Integer) a.get("mode"), (Integer) a.get("uid") & 0xffffffffL, (Integer) a.get("gid") & 0xffffffffL,
                (Long) a.get("ino"), (Long) a.get("dev"), (Long) a.get("rdev"), (Integer) a.get("nlink"), (Long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000);
    }

    public static void chmod(Path path, int mode) throws IOException {
        if ((mode & 07000) == 0) { // java.nio can: no need to bind libc for the common modes
            Files.setPosixFilePermissions(path, permissions(mode));
            return;
        }
        check(Native.LIBC.chmod(path.toString(), mode & 07777), "chmod", path);
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.nio.file.attribute.PosixFilePermission[] bits = java.nio.file.attribute.PosixFilePermission.values();
        java.util.Set<java.nio.file.attribute.PosixFilePermission> set = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        for (int i = 0; i < 9; i++) { // OWNER_READ .. OTHERS_EXECUTE is 0400 .. 0001
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** @throws UnmappedIdException when the id has no mapping in this user namespace */
    public static void lchown(Path path, long uid, long gid) throws IOException {
        if (Native.LIBC.lchown(path.toString(), (int) uid, (int) gid) != 0) {
            int errno = errno();
            if (errno == EINVAL) {
                throw new UnmappedIdException(path, uid, gid);
            }
            throw failure("chown", path, errno);
        }
    }

    public static void mkfifo(Path path, int mode) throws IOException {
        check(Native.LIBC.mkfifo(path.toString(), mode & 07777), "mkfifo", path);
    }

    /** @param typeBits FileInfo.S_IFCHR or S_IFBLK */
    public static void mknod(Path path, int typeBits, int mode, long major, long minor) throws IOException {
        long dev = (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
        check(Native.LIBC.mknod(path.toString(), typeBits | (mode & 07777), dev), "mknod", path);
    }

    /** Sets access and modification time to {@code seconds}, on a symlink itself when it is one. */
    public static void setTime(Path path, long seconds) throws IOException {
        long[] times = {seconds, 0, seconds, 0}; // atime, mtime as timespecs
        check(Native.LIBC.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW), "set times of", path);
    }

    /** Every extended attribute, with raw values; empty where the file system has none. */
    public static Map<String, byte[]> xattrs(Path path) throws IOException {
        String p = path.toString();
        Map<String, byte[]> result = new TreeMap<>();
        byte[] names = sized(buffer -> Native.LIBC.llistxattr(p, buffer, buffer == null ? 0 : buffer.length), "list xattrs of", path);
        if (names == null) {
            return result;
        }
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                String name = new String(names, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                byte[] value = xattr(path, name);
                if (value != null) {
                    result.put(name, value);
                }
            }
        }
        return result;
    }

    /** One attribute's value, or null when the file has none of that name. */
    public static byte[] xattr(Path path, String name) throws IOException {
        String p = path.toString();
        return sized(buffer -> Native.LIBC.lgetxattr(p, name, buffer, buffer == null ? 0 : buffer.length), "read xattr " + name + " of", path);
    }

    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        check(Native.LIBC.lsetxattr(path.toString(), name, value, value.length, 0), "set xattr " + name + " on", path);
    }

    /** Removes an extended attribute; one that is not there is no error. */
    public static void removeXattr(Path path, String name) throws IOException {
        if (Native.LIBC.lremovexattr(path.toString(), name) != 0) {
            int errno = errno();
            if (errno != ENODATA && errno != ENOTSUP) {
                throw failure("remove xattr " + name + " from", path, errno);
            }
        }
    }

    /** A call that fills the buffer it is given, or with null answers the size it needs. */
    private interface SizedCall {
        long call(byte[] buffer);
    }

    /** The query-size-then-read dance of the xattr calls, retried when the value grows in between. */
    private static byte[] sized(SizedCall call, String what, Path path) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            long size = call.call(null);
            if (size >= 0) {
                byte[] buffer = new byte[(int) size];
                long read = size == 0 ? 0 : call.call(buffer);
                if (read >= 0) {
                    return Arrays.copyOf(buffer, (int) read);
                }
            }
            int errno = errno();
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
            throw failure(what, path, errno());
        }
    }

    private static IOException failure(String what, Path path, int errno) {
        return new IOException("cannot " + what + " " + path + ": " + Native.LIBC.strerror(errno));
    }

    /** The errno of this thread's last libc call (jnr-ffi saves it after each call). */
    private static int errno() {
        return jnr.ffi.LastError.getLastError(Native.RUNTIME);
    }
}
