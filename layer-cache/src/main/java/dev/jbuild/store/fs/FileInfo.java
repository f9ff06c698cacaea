package dev.jbuild.store.fs;

/** What lstat says of one file, as layer tars need it. */
public record FileInfo(int mode, long uid, long gid, long inode, long device, long rdev, int links, long size, long mtime) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    public int type() {
        return mode & S_IFMT;
    }

    /** Permission bits with setuid, setgid and sticky. */
    public int permissions() {
        return mode & 07777;
    }

    public long rdevMajor() {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    public long rdevMinor() {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }

    /** overlayfs marks a deleted path with a 0/0 character device. */
    public boolean isOverlayWhiteout() {
        return type() == S_IFCHR && rdev == 0;
    }
}
