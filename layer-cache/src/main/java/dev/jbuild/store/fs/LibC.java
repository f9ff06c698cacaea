package dev.jbuild.store.fs;

/**
 * The libc calls jbuild makes that java.nio lacks, bound through JNI (src/main/c/libc.c), whose library
 * {@link Posix#bytes} loads. Paths and names are NUL-terminated bytes; each call answers -errno when it fails.
 */
final class LibC {
    private LibC() {
    }

    static native int chmod(byte[] path, int mode);

    static native int lchown(byte[] path, int uid, int gid);

    static native int mkfifo(byte[] path, int mode);

    static native int mknod(byte[] path, int mode, long major, long minor);

    /** utimensat(2) of access and modification time, on a symlink itself. */
    static native int setTime(byte[] path, long seconds);

    /** Fills mode, uid, gid, inode, device, rdev, links, size, mtime and ctime (nanoseconds) into {@code fields}. */
    static native int lstat(byte[] path, long[] fields);

    /** With a null list: the size the list needs. */
    static native long llistxattr(byte[] path, byte[] list);

    /** With a null value: the size the value needs. */
    static native long lgetxattr(byte[] path, byte[] name, byte[] value);

    static native int lsetxattr(byte[] path, byte[] name, byte[] value);

    static native int lremovexattr(byte[] path, byte[] name);

    /** mount(2) with relative paths in {@code data} taken from {@code dir}. */
    static native int mountFrom(byte[] dir, byte[] source, byte[] target, byte[] type, long flags, byte[] data);

    static native int umount2(byte[] target, int flags);

    static native int kill(long pid, int signal);

    static native String strerror(int errno);

    /** Finds OpenSSL's SHA-256 (libcrypto): the size of its context, or 0 when there is none. */
    static native int sha256Bind();

    static native void sha256Init(byte[] context);

    static native void sha256Update(byte[] context, byte[] data, int offset, int length);

    /** Writes the 32-byte digest into {@code digest}; the context must be initialised again before more use. */
    static native void sha256Final(byte[] context, byte[] digest);
}
