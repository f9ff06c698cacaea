package dev.jbuild.store.tar;

import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a layer tar, with everything a layer carries: numeric owner, full mode (setuid,
 * setgid, sticky), whole-second mtime, link target, device numbers and extended attributes with
 * their raw (possibly binary) values.
 *
 * @param name directories end with '/'
 */
public record TarEntry(String name, Type type, int mode, long uid, long gid, long size, long mtime,
                       String linkName, long devMajor, long devMinor, Map<String, byte[]> xattrs) {

    /** The tar type flags a layer uses. */
    public enum Type {
        REGULAR('0'), HARDLINK('1'), SYMLINK('2'), CHAR_DEVICE('3'), BLOCK_DEVICE('4'), DIRECTORY('5'), FIFO('6');

        final char flag;

        Type(char flag) {
            this.flag = flag;
        }

        static Type of(char flag) {
            for (Type t : values()) {
                if (t.flag == flag) {
                    return t;
                }
            }
            if (flag == 0 || flag == '7') {
                return REGULAR; // old v7 archives; contiguous files
            }
            throw new IllegalArgumentException("unsupported tar entry type '" + flag + "'");
        }
    }

    public TarEntry {
        xattrs = xattrs == null ? Map.of() : new TreeMap<>(xattrs);
        linkName = linkName == null ? "" : linkName;
    }

    public static TarEntry file(String name, int mode, long size, long mtime) {
        return new TarEntry(name, Type.REGULAR, mode, 0, 0, size, mtime, "", 0, 0, Map.of());
    }

    public static TarEntry directory(String name, int mode, long mtime) {
        return new TarEntry(name.endsWith("/") ? name : name + "/", Type.DIRECTORY, mode, 0, 0, 0, mtime, "", 0, 0, Map.of());
    }

    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(name, type, mode, newUid, newGid, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withXattrs(Map<String, byte[]> attributes) {
        return new TarEntry(name, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor, attributes);
    }

    public boolean hasContent() {
        return type == Type.REGULAR;
    }
}
