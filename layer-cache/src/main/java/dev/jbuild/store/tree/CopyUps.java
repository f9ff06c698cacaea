package dev.jbuild.store.tree;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Leaves out of a step's upper dir what is there without a change: overlay copies a file up when it
 * is merely opened for writing (a lock file, a database rewritten as it was), and marks a directory
 * opaque when it is made where one was deleted, even with nothing below to hide. Such entries change
 * nothing in the image but its bytes; without them, a layer holds what the step changed and nothing
 * else, whichever isolation ran it (chroot isolation, which compares metadata, never sees them).
 */
final class CopyUps {
    private final List<Path> lowers; // top first
    private final OptionalLong clampEpoch;

    /**
     * @param lowers     the layer trees below the step, bottom first
     * @param clampEpoch SOURCE_DATE_EPOCH, to which the upper's times were clamped already
     */
    CopyUps(List<Path> lowers, OptionalLong clampEpoch) {
        this.clampEpoch = clampEpoch;
        List<Path> topFirst = new java.util.ArrayList<>(lowers);
        java.util.Collections.reverse(topFirst);
        this.lowers = topFirst;
    }

    /** Prunes {@code upper} in place. */
    void prune(Path upper) throws IOException {
        pruneDir(upper, "");
    }

    /** Returns whether the directory {@code dir} (at {@code name}) ended up empty. */
    private boolean pruneDir(Path dir, String prefix) throws IOException {
        boolean empty = true;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = prefix + child.getFileName();
                FileInfo info = Posix.lstat(child);
                if (info.type() == FileInfo.S_IFDIR) {
                    Optional<Path> below = below(name);
                    if (Whiteouts.isOpaque(child) && below.map(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).orElse(true)) {
                        removeOpaque(child); // nothing below to hide
                    }
                    boolean childEmpty = pruneDir(child, name + "/");
                    if (childEmpty && !Whiteouts.isOpaque(child) && below.isPresent() && same(child, info, below.get())) {
                        Files.delete(child);
                        continue;
                    }
                } else if (info.type() == FileInfo.S_IFREG && info.links() == 1 || info.type() == FileInfo.S_IFLNK) {
                    Optional<Path> below = below(name);
                    if (below.isPresent() && same(child, info, below.get())) {
                        Files.delete(child);
                        continue;
                    }
                }
                empty = false;
            }
        }
        return empty;
    }

    /** The entry a path shows in the layers below, unless a whiteout or an opaque directory hides it. */
    private Optional<Path> below(String name) throws IOException {
        for (Path lower : lowers) {
            Path p = lower.resolve(name);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return Posix.lstat(p).isOverlayWhiteout() ? Optional.empty() : Optional.of(p);
            }
            if (hiddenBelow(lower, name)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether this layer hides {@code name} in the layers under it: an ancestor is a whiteout, an opaque dir, or not a dir. */
    private static boolean hiddenBelow(Path lower, String name) throws IOException {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            Path ancestor = lower.resolve(name.substring(0, slash));
            if (!Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (!Files.isDirectory(ancestor, LinkOption.NOFOLLOW_LINKS) || Whiteouts.isOpaque(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private boolean same(Path upper, FileInfo info, Path lower) throws IOException {
        FileInfo other = Posix.lstat(lower);
        long lowerTime = clampEpoch.isPresent() ? Math.min(other.mtime(), clampEpoch.getAsLong()) : other.mtime();
        if (info.mode() != other.mode() || info.uid() != other.uid() || info.gid() != other.gid()
                || info.mtime() != lowerTime || !xattrs(upper).equals(xattrs(lower))) {
            return false;
        }
        return switch (info.type()) {
            case FileInfo.S_IFDIR -> true;
            case FileInfo.S_IFLNK -> Files.readSymbolicLink(upper).equals(Files.readSymbolicLink(lower));
            default -> info.size() == other.size() && sameContent(upper, lower);
        };
    }

    private static boolean sameContent(Path a, Path b) throws IOException {
        try (InputStream x = Files.newInputStream(a); InputStream y = Files.newInputStream(b)) {
            byte[] bx = new byte[1 << 16];
            byte[] by = new byte[1 << 16];
            for (int n; (n = x.readNBytes(bx, 0, bx.length)) > 0; ) {
                if (y.readNBytes(by, 0, n) != n || !Arrays.equals(bx, 0, n, by, 0, n)) {
                    return false;
                }
            }
            return y.read() < 0;
        }
    }

    /** The xattrs that are part of an image (overlay's own left out), comparable. */
    private static Map<String, String> xattrs(Path p) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> x : Posix.xattrs(p).entrySet()) {
            if (!Whiteouts.isOverlayXattr(x.getKey())) {
                out.put(x.getKey(), Arrays.toString(x.getValue()));
            }
        }
        return out;
    }

    private static void removeOpaque(Path dir) throws IOException {
        for (String name : List.of(Whiteouts.USER_OPAQUE_XATTR, Whiteouts.TRUSTED_OPAQUE_XATTR)) {
            if (Posix.xattr(dir, name) != null) { // trusted.* is not even readable without real root
                Posix.removeXattr(dir, name);
            }
        }
    }
}
