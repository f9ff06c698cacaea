package dev.jbuild.store.tree;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies entries of one tree into another as they are: type, content, owner, mode, xattrs (not
 * overlay's own), mtime; files with several links stay linked among what one copy makes. Directory
 * times are set by {@link #finish}, after everything in them was made.
 */
final class EntryCopy {
    private final boolean realRoot;
    private final boolean linkFiles;
    private final Map<Long, Path> linked = new HashMap<>();
    private final List<Map.Entry<Path, Long>> dirTimes = new ArrayList<>();

    EntryCopy(boolean realRoot) {
        this(realRoot, false);
    }

    /** @param linkFiles regular files hard-linked to {@code from} where the file system allows (see TreeMerge.linking) */
    EntryCopy(boolean realRoot, boolean linkFiles) {
        this.realRoot = realRoot;
        this.linkFiles = linkFiles;
    }

    /** Makes {@code to} (which must not exist, except a directory, which is kept) a copy of {@code from}. */
    void copy(Path from, Path to, FileInfo info) throws IOException {
        switch (info.type()) {
            case FileInfo.S_IFDIR -> {
                if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(to);
                }
                dirTimes.add(Map.entry(to, info.mtime()));
            }
            case FileInfo.S_IFREG -> {
                Path first = info.links() > 1 ? linked.putIfAbsent(info.inode(), to) : null;
                if (first != null) {
                    Files.createLink(to, first);
                    return; // a link shares owner, mode and times
                }
                if (linkFiles && hardLinked(from, to)) {
                    return; // the file itself: its owner, mode, xattrs and times are already the entry's
                }
                Files.copy(from, to);
            }
            case FileInfo.S_IFLNK -> Files.createSymbolicLink(to, Files.readSymbolicLink(from));
            case FileInfo.S_IFIFO -> Posix.mkfifo(to, info.permissions());
            case FileInfo.S_IFCHR, FileInfo.S_IFBLK -> {
                if (!realRoot) {
                    return; // a user namespace may not make devices (extraction skips them too)
                }
                Posix.mknod(to, info.type(), info.permissions(), info.rdevMajor(), info.rdevMinor());
            }
            default -> {
                return; // sockets are not part of images
            }
        }
        Posix.lchown(to, info.uid(), info.gid());
        if (info.type() != FileInfo.S_IFLNK) {
            Posix.chmod(to, info.mode() & 07777); // after chown, which clears setuid and setgid
        }
        for (Map.Entry<String, byte[]> x : Posix.xattrs(from).entrySet()) {
            if (Whiteouts.isOverlayXattr(x.getKey())) {
                continue;
            }
            if (!x.getKey().startsWith("trusted.")) {
                Posix.setXattr(to, x.getKey(), x.getValue());
            } else if (realRoot) {
                Whiteouts.setTrusted(to, x.getKey(), x.getValue());
            }
        }
        if (info.type() != FileInfo.S_IFDIR) {
            Posix.setTime(to, info.mtime());
        }
    }

    /** Another file system, or protected_hardlinks refusing a file we neither own nor may write: copied instead. */
    private static boolean hardLinked(Path from, Path to) {
        try {
            Files.createLink(to, from);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Directory times, deepest first: making their entries moved them. */
    void finish() throws IOException {
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            Path dir = dirTimes.get(i).getKey();
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Posix.setTime(dir, dirTimes.get(i).getValue());
            }
        }
    }
}
