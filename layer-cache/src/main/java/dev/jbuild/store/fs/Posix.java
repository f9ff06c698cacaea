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
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The file-system calls layer trees need and java.nio lacks: owners, full modes (setuid, setgid,
 * sticky), device nodes, fifos, extended attributes in every namespace, and times of symlinks. All
 * act on the path itself, never on a symlink's target. jnr-posix covers most; the xattr and mknod
 * calls it lacks are bound through jnr-ffi.
 */
public final class Posix {
    /** Loaded on first use: binding libc costs about a second, and lstat (java.nio) does not need it. */
    private static final class Native {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
        static final XattrCalls LIBC = LibraryLoader.create(XattrCalls.class).load("c");
    }
    private static final int EINVAL = 22;
    private static final int ERANGE = 34;
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;

    /** The libc calls jnr-posix does not offer. */
    public interface XattrCalls {
        @ssize_t long llistxattr(String path, @Out byte[] list, @size_t long size);

        @ssize_t long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

        int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

        int mknod(String path, int mode, long dev);
    }

    private Posix() {
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
        check(Native.POSIX.chmod(path.toString(), mode & 07777), "chmod", path);
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
        if (Native.POSIX.lchown(path.toString(), (int) uid, (int) gid) != 0) {
            int errno = Native.POSIX.errno();
            if (errno == EINVAL) {
                throw new UnmappedIdException(path, uid, gid);
            }
            throw failure("chown", path, errno);
        }
    }

    public static void mkfifo(Path path, int mode) throws IOException {
        check(Native.POSIX.mkfifo(path.toString(), mode & 07777), "mkfifo", path);
    }

    /** @param typeBits FileInfo.S_IFCHR or S_IFBLK */
    public static void mknod(Path path, int typeBits, int mode, long major, long minor) throws IOException {
        long dev = (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
        check(Native.LIBC.mknod(path.toString(), typeBits | (mode & 07777), dev), "mknod", path);
    }

    /** Sets access and modification time to {@code seconds}, on a symlink itself when it is one. */
    public static void setTime(Path path, long seconds) throws IOException {
        long[] time = {seconds, 0};
        check(Native.POSIX.lutimes(path.toString(), time, time), "set times of", path);
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
            int errno = Native.POSIX.errno();
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
            throw failure(what, path, Native.POSIX.errno());
        }
    }

    private static IOException failure(String what, Path path, int errno) {
        return new IOException("cannot " + what + " " + path + ": " + Native.POSIX.strerror(errno));
    }
}
