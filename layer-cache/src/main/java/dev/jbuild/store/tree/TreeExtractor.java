package dev.jbuild.store.tree;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.store.tar.TarEntry;
import dev.jbuild.store.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Extracts a layer tar into a directory as an overlay lower (or upper) dir: OCI whiteouts become
 * overlay whiteouts, owners, modes (setuid too), devices, fifos, hard links, xattrs and mtimes are
 * kept. Entries that would land outside the directory — {@code ..}, absolute names, paths through
 * a symlink, hard links to outside — are refused before anything of them is written.
 */
public final class TreeExtractor {
    private final boolean realRoot;
    private final boolean keepOwners;
    private final boolean linksInside;

    /**
     * @param realRoot real root also marks opaque dirs with trusted.overlay.opaque and makes device
     *                 nodes; in a user namespace neither is allowed
     */
    public TreeExtractor(boolean realRoot) {
        this(realRoot, true);
    }

    /** @param keepOwners false: every file belongs to whoever extracts (a directory handed to a user) */
    public TreeExtractor(boolean realRoot, boolean keepOwners) {
        this(realRoot, keepOwners, false);
    }

    private TreeExtractor(boolean realRoot, boolean keepOwners, boolean linksInside) {
        this.realRoot = realRoot;
        this.keepOwners = keepOwners;
        this.linksInside = linksInside;
    }

    /**
     * For ADD of a local archive: a link in an entry's path is followed, inside the destination as if it
     * were the root (`..` stops there), instead of refused; as docker extracts, chrooted into the
     * destination. Nothing lands outside it. A layer is never extracted so: there a link is refused.
     */
    public static TreeExtractor followingLinksInside(boolean realRoot) {
        return new TreeExtractor(realRoot, true, true);
    }

    /** @param source names the layer in errors */
    public void extract(InputStream tarStream, Path root, String source) throws IOException {
        TarReader tar = new TarReader(tarStream);
        Set<Path> checkedDirs = new HashSet<>();
        Deque<Map.Entry<Path, Long>> dirTimes = new ArrayDeque<>();
        for (TarEntry entry = tar.next(); entry != null; entry = tar.next()) {
            String name = clean(entry.name(), source, entry.name());
            if (name.isEmpty()) {
                continue; // "./": the root itself
            }
            Path path = place(root, name);
            ensureParents(root, path.getParent(), checkedDirs, source, entry.name());
            String base = path.getFileName().toString();
            if (base.equals(Whiteouts.OPAQUE)) {
                Whiteouts.markOpaque(path.getParent(), realRoot);
            } else if (base.startsWith(Whiteouts.PREFIX + Whiteouts.PREFIX)) {
                continue; // aufs bookkeeping (.wh..wh.plnk and the like)
            } else if (base.startsWith(Whiteouts.PREFIX)) {
                Path deleted = path.resolveSibling(base.substring(Whiteouts.PREFIX.length()));
                removeExisting(deleted, checkedDirs);
                Posix.mknod(deleted, FileInfo.S_IFCHR, 0, 0, 0);
                Posix.setTime(deleted, entry.mtime());
            } else {
                create(entry, path, root, tar, source, checkedDirs);
                if (entry.type() == TarEntry.Type.DIRECTORY) {
                    dirTimes.push(Map.entry(path, entry.mtime()));
                }
            }
        }
        // Directory times last (deepest first): creating their children moved them.
        for (Map.Entry<Path, Long> d : dirTimes) {
            Posix.setTime(d.getKey(), d.getValue());
        }
    }

    private void create(TarEntry entry, Path path, Path root, TarReader tar, String source, Set<Path> checkedDirs) throws IOException {
        boolean isDir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (!(isDir && entry.type() == TarEntry.Type.DIRECTORY)) {
            removeExisting(path, checkedDirs);
        }
        switch (entry.type()) {
            case DIRECTORY -> {
                if (!isDir) {
                    Files.createDirectory(path);
                }
            }
            case REGULAR -> {
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    tar.content().transferTo(out);
                }
            }
            case SYMLINK -> Files.createSymbolicLink(path, Paths.get(entry.linkName()));
            case HARDLINK -> {
                String target = clean(entry.linkName(), source, entry.name());
                Path targetPath = place(root, target);
                ensureParents(root, targetPath.getParent(), checkedDirs, source, entry.name());
                if (target.isEmpty() || !Files.exists(targetPath, LinkOption.NOFOLLOW_LINKS)
                        || Files.isDirectory(targetPath, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeEntryException(source, entry.name(), "hard link to '" + entry.linkName()
                            + "', which is not a file of this layer");
                }
                Files.createLink(path, targetPath);
                return; // a hard link shares its target's owner, mode and times
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (!realRoot) {
                    return; // a user namespace may not make devices; docker and buildah skip them too
                }
                int type = entry.type() == TarEntry.Type.CHAR_DEVICE ? FileInfo.S_IFCHR : FileInfo.S_IFBLK;
                Posix.mknod(path, type, entry.mode(), entry.devMajor(), entry.devMinor());
            }
            case FIFO -> Posix.mkfifo(path, entry.mode());
        }
        if (keepOwners) {
            Posix.lchown(path, entry.uid(), entry.gid());
        }
        if (entry.type() != TarEntry.Type.SYMLINK) {
            Posix.chmod(path, entry.mode()); // after chown, which clears setuid and setgid
        }
        for (Map.Entry<String, byte[]> x : entry.xattrs().entrySet()) {
            if (!x.getKey().startsWith("trusted.")) {
                Posix.setXattr(path, x.getKey(), x.getValue());
            } else if (realRoot) {
                Whiteouts.setTrusted(path, x.getKey(), x.getValue());
            }
        }
        if (entry.type() != TarEntry.Type.DIRECTORY) {
            Posix.setTime(path, entry.mtime());
        }
    }


    /** A relative name without "./", trailing "/" or empty parts; "" for the root. Refuses ".." and absolute names. */
    static String clean(String name, String source, String entry) {
        if (name.startsWith("/")) {
            throw new UnsafeEntryException(source, entry, "absolute path");
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeEntryException(source, entry, "'..' leads outside the layer");
            }
            if (part.indexOf('\0') >= 0) {
                throw new UnsafeEntryException(source, entry, "NUL in name");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /**
     * Creates missing parent directories (0755, as docker does) and refuses a parent that is a
     * symlink: following it could write anywhere.
     */
    /** Where a cleaned entry name lands: below the root, its parent's links followed inside it when asked. */
    private Path place(Path root, String name) throws IOException {
        if (!linksInside || name.isEmpty()) {
            return root.resolve(name);
        }
        int slash = name.lastIndexOf('/');
        Path parent = slash < 0 ? root : RootPaths.resolve(root, name.substring(0, slash));
        return parent.resolve(name.substring(slash + 1));
    }

    private static void ensureParents(Path root, Path dir, Set<Path> checked, String source, String entry) throws IOException {
        if (dir == null || dir.equals(root) || checked.contains(dir)) {
            return;
        }
        ensureParents(root, dir.getParent(), checked, source, entry);
        if (Files.isSymbolicLink(dir)) {
            throw new UnsafeEntryException(source, entry, "its path goes through the symlink '"
                    + root.relativize(dir) + "' -> '" + Files.readSymbolicLink(dir) + "'");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
            Posix.chmod(dir, 0755);
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeEntryException(source, entry, "'" + root.relativize(dir) + "' is not a directory");
        }
        checked.add(dir);
    }

    /** Later entries replace earlier ones; a replaced directory is no longer a checked parent. */
    private static void removeExisting(Path path, Set<Path> checkedDirs) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            checkedDirs.removeIf(dir -> dir.startsWith(path));
        }
        Trees.delete(path);
    }
}
