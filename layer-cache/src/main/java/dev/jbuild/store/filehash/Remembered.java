package dev.jbuild.store.filehash;

import dev.jbuild.store.Digest;
import dev.jbuild.store.fs.Posix;

/** A context file's digest under its size, mtime, ctime and inode, as one line of the list; no name: not to be kept. */
record Remembered(long size, long mtime, long ctime, long inode, Digest digest, String name) {
    boolean matches(Posix.Stat s) {
        return size == s.size() && mtime == s.mtime() && ctime == s.ctime() && inode == s.inode();
    }

    String line() {
        return size + " " + mtime + " " + ctime + " " + inode + " " + digest.hex() + " " + name + "\n";
    }

    static Remembered parse(String line) {
        String[] f = line.split(" ", 6);
        if (f.length != 6 || f[4].length() != 64) {
            return null;
        }
        try {
            return new Remembered(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Digest.sha256(f[4]), f[5]);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
