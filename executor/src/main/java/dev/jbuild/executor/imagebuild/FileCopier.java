package dev.jbuild.executor.imagebuild;

import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.tree.TreeTasks;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Copies source files into a container root with COPY's rules: directories' contents, modes and
 * times kept (or --chmod), owners set to --chown (default 0:0, or, from a stage or image, kept),
 * symlinks copied as links. An existing destination directory is left as it is and one below it takes
 * the copied directory's metadata, as BuildKit's copy does; the directories COPY makes above its target
 * belong to --chown's owner.
 */
final class FileCopier {
    private final SourceFiles sources;
    private final Path root;
    private final long uid;
    private final long gid;
    private final Integer chmod;
    private final boolean keepOwners;
    private final Deque<Map.Entry<Path, Long>> dirTimes = new ConcurrentLinkedDeque<>();

    /**
     * @param root       the image root the targets are in: links there are followed inside it
     * @param keepOwners files and the directories below the top keep the source's owner (COPY --from without --chown)
     */
    FileCopier(SourceFiles sources, Path root, long uid, long gid, Integer chmod, boolean keepOwners) {
        this.sources = sources;
        this.root = root;
        this.uid = uid;
        this.gid = gid;
        this.chmod = chmod;
        this.keepOwners = keepOwners;
    }

    /** Makes the directories of {@code dir} that are missing: 0755, --chown's owner (root's without it). */
    void makeDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir) || dir.equals(root) || !dir.startsWith(root)) {
            return;
        }
        makeDirectories(dir.getParent());
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
            Posix.chmod(dir, 0755);
            Posix.lchown(dir, uid, gid);
        }
    }

    /**
     * Copies {@code source} to {@code target} (a host path inside the root); a directory's contents go
     * into target, which gets the owner but not --chmod (as BuildKit and buildah do: it is not copied).
     * A directory is copied on all cores: its subdirectories and runs of its files as tasks of their own.
     */
    void copy(Path source, Path target) throws IOException {
        FileInfo info = Posix.lstat(source);
        if (info.type() == FileInfo.S_IFDIR) {
            TreeTasks.run(new DirectoryCopy(source, ensureDirectory(target, info, true)));
        } else {
            copyEntry(source, target, info);
        }
    }

    /** The entries of one source directory into an existing target directory. */
    private final class DirectoryCopy extends TreeTasks.Task {
        private final Path source;
        private final Path target;

        DirectoryCopy(Path source, Path target) {
            this.source = source;
            this.target = target;
        }

        @Override
        protected void work() throws IOException {
            List<TreeTasks.Task> tasks = new ArrayList<>();
            List<SourceEntry> entries = new ArrayList<>();
            for (Path child : sources.children(source)) {
                FileInfo info = Posix.lstat(child);
                if (info.type() == FileInfo.S_IFDIR) {
                    tasks.add(new DirectoryCopy(child, ensureDirectory(target.resolve(child.getFileName().toString()), info, false)));
                } else {
                    entries.add(new SourceEntry(child, info));
                }
            }
            for (List<SourceEntry> run : TreeTasks.runs(entries)) {
                tasks.add(new EntriesCopy(run, target));
            }
            all(tasks);
        }
    }

    /** A source directory's entry other than a directory, as it was found. */
    private record SourceEntry(Path path, FileInfo info) {
    }

    /** Files, links and the rest of one source directory, one after the other. */
    private final class EntriesCopy extends TreeTasks.Task {
        private final List<SourceEntry> entries;
        private final Path target;

        EntriesCopy(List<SourceEntry> entries, Path target) {
            this.entries = entries;
            this.target = target;
        }

        @Override
        protected void work() throws IOException {
            for (SourceEntry entry : entries) {
                copyEntry(entry.path(), target.resolve(entry.path().getFileName().toString()), entry.info());
            }
        }
    }

    private void copyEntry(Path source, Path target, FileInfo info) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Trees.delete(target);
        }
        switch (info.type()) {
            case FileInfo.S_IFLNK -> {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            }
            case FileInfo.S_IFREG -> Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
            default -> {
                return; // devices, fifos and sockets of a context are not copied
            }
        }
        finish(target, info);
    }

    /**
     * The directory to copy into. At the top, target, or where a link at target leads inside the root (the
     * destination's links are followed), which is left as it is when it exists. Below it, as BuildKit's copy
     * does: an existing directory takes the source's metadata as a new one would (owner, mode, times); a
     * link or a file where a directory goes is an error
     * (BuildKit's "cannot copy to non-directory"; Docker 20.10 fails there too, Buildah would replace it).
     */
    private Path ensureDirectory(Path target, FileInfo info, boolean top) throws IOException {
        if (top && Files.isSymbolicLink(target)) {
            Path resolved = RootPaths.resolve(root, "/" + root.relativize(target));
            if (Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS)) {
                return resolved; // the link's directory keeps its owner and mode
            }
        }
        boolean exists = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && top) {
            return target; // its owner, mode and times kept
        }
        if (!exists && !top && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot copy to non-directory: /" + root.relativize(target));
        }
        if (!exists) {
            Files.deleteIfExists(target);
            makeDirectories(target.getParent());
            Files.createDirectory(target);
        }
        finish(target, info, top ? null : chmod, !top && keepOwners);
        dirTimes.push(Map.entry(target, info.mtime()));
        return target;
    }

    private void finish(Path target, FileInfo info) throws IOException {
        finish(target, info, chmod, keepOwners);
    }

    private void finish(Path target, FileInfo info, Integer mode, boolean sourceOwner) throws IOException {
        if (sourceOwner) {
            Posix.lchown(target, info.uid(), info.gid());
        } else {
            Posix.lchown(target, uid, gid);
        }
        if (info.type() != FileInfo.S_IFLNK) {
            Posix.chmod(target, mode != null ? mode : info.permissions());
            Posix.setTime(target, info.mtime());
        }
    }

    /** Directory times last: filling them changed them. */
    void done() throws IOException {
        for (Map.Entry<Path, Long> d : dirTimes) {
            Posix.setTime(d.getKey(), d.getValue());
        }
        dirTimes.clear();
    }
}
