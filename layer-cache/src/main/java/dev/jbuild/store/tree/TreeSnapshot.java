package dev.jbuild.store.tree;

import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * A directory tree by metadata alone (type and mode, owner, size, mtime, ctime, inode): taken before
 * and after a step that ran without overlay, the two say what the step changed. ctime moves with
 * every change of content, mode, owner, xattrs or links, so nothing is read or hashed; the walk runs
 * on all cores, a directory a task.
 */
public final class TreeSnapshot {
    private final Map<String, Posix.Stat> entries;

    private static boolean isDirectory(Posix.Stat meta) {
        return (meta.mode() & 0170000) == 0040000;
    }

    private TreeSnapshot(Map<String, Posix.Stat> entries) {
        this.entries = entries;
    }

    /** Walks {@code root}; paths in {@code excluded} (relative, as "etc/hosts") and what is below them are left out. */
    public static TreeSnapshot take(Path root, Set<String> excluded) throws IOException {
        Map<String, Posix.Stat> entries = new ConcurrentHashMap<>(1 << 12);
        try {
            ForkJoinPool.commonPool().invoke(new Walk(root, "", excluded, entries));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new TreeSnapshot(entries);
    }

    public int size() {
        return entries.size();
    }

    /** What changed from {@code before} to this. */
    public TreeChanges since(TreeSnapshot before) {
        return since(before, true);
    }

    /**
     * The same in a tree whose regular files are hard links to files outside it (CopiedRoot's linked roots):
     * their ctime moves whenever a link to them is made or removed anywhere (another stage's view of the same
     * layers), so it is not compared; what writes there replaces a file (a new inode), never changes one in place.
     */
    public TreeChanges sinceInLinkedTree(TreeSnapshot before) {
        return since(before, false);
    }

    private static boolean same(Posix.Stat old, Posix.Stat now, boolean ctimeCounts) {
        if (ctimeCounts || isDirectory(now)) {
            return old.equals(now);
        }
        return old.mode() == now.mode() && old.uid() == now.uid() && old.gid() == now.gid() && old.inode() == now.inode()
                && old.size() == now.size() && old.mtime() == now.mtime();
    }

    private TreeChanges since(TreeSnapshot before, boolean ctimeCounts) {
        Set<String> changed = new TreeSet<>();
        Set<String> opaque = new TreeSet<>();
        for (Map.Entry<String, Posix.Stat> e : entries.entrySet()) {
            Posix.Stat old = before.entries.get(e.getKey());
            Posix.Stat now = e.getValue();
            if (old == null || !same(old, now, ctimeCounts)) {
                changed.add(e.getKey());
                if (old != null && isDirectory(old) && isDirectory(now) && old.inode() != now.inode()) {
                    opaque.add(e.getKey()); // removed and made again: nothing of the old one shows through
                }
            }
        }
        // The directories above a change come along, as overlay copies them up.
        for (String path : List.copyOf(changed)) {
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                if (!changed.add(path.substring(0, slash))) {
                    break;
                }
            }
        }
        Set<String> deleted = new TreeSet<>();
        for (String path : before.entries.keySet()) {
            if (!entries.containsKey(path) && !deletedWithParent(path, before)) {
                deleted.add(path);
                for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                    changed.add(path.substring(0, slash)); // a whiteout needs its directory
                }
            }
        }
        return new TreeChanges(new ArrayList<>(changed), new ArrayList<>(deleted), opaque);
    }

    /** A deleted entry whose directory went too (or was made anew): the directory's whiteout or opaque mark covers it. */
    private boolean deletedWithParent(String path, TreeSnapshot before) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String parent = path.substring(0, slash);
        Posix.Stat now = entries.get(parent);
        Posix.Stat then = before.entries.get(parent);
        return now == null || !isDirectory(now) || (then != null && then.inode() != now.inode());
    }

    /** One directory's entries; subdirectories forked. */
    private static final class Walk extends RecursiveAction {
        private final Path dir;
        private final String prefix;
        private final Set<String> excluded;
        private final Map<String, Posix.Stat> entries;

        Walk(Path dir, String prefix, Set<String> excluded, Map<String, Posix.Stat> entries) {
            this.dir = dir;
            this.prefix = prefix;
            this.excluded = excluded;
            this.entries = entries;
        }

        @Override
        protected void compute() {
            List<Walk> subdirs = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    String name = prefix + child.getFileName();
                    if (excluded.contains(name)) {
                        continue;
                    }
                    Posix.Stat meta = Posix.stat(child);
                    entries.put(name, meta);
                    if (isDirectory(meta)) {
                        subdirs.add(new Walk(child, name + "/", excluded, entries));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            invokeAll(subdirs);
        }
    }
}
