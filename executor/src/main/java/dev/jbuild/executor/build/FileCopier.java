package dev.jbuild.executor.build;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Copies source files into a container root with COPY's rules: directories' contents, modes and
 * times kept (or --chmod), owners set to --chown (default 0:0), symlinks copied as links.
 */
final class FileCopier {
    private final SourceFiles sources;
    private final long uid;
    private final long gid;
    private final Integer chmod;
    private final Deque<Map.Entry<Path, Long>> dirTimes = new ArrayDeque<>();

    FileCopier(SourceFiles sources, long uid, long gid, Integer chmod) {
        this.sources = sources;
        this.uid = uid;
        this.gid = gid;
        this.chmod = chmod;
    }

    /**
     * Copies {@code source} to {@code target} (a host path inside the root); a directory's contents go
     * into target, which gets the owner but not --chmod (as BuildKit and buildah do: it is not copied).
     */
    void copy(Path source, Path target) throws IOException {
        copy(source, target, true);
    }

    private void copy(Path source, Path target, boolean top) throws IOException {
        FileInfo info = Posix.lstat(source);
        if (info.type() == FileInfo.S_IFDIR) {
            ensureDirectory(target, info, top);
            for (Path child : sources.children(source)) {
                copy(child, target.resolve(child.getFileName().toString()), false);
            }
            return;
        }
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

    private void ensureDirectory(Path target, FileInfo info, boolean top) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(target);
            Files.createDirectories(target);
        }
        finish(target, info, top ? null : chmod);
        dirTimes.push(Map.entry(target, info.mtime()));
    }

    private void finish(Path target, FileInfo info) throws IOException {
        finish(target, info, chmod);
    }

    private void finish(Path target, FileInfo info, Integer mode) throws IOException {
        Posix.lchown(target, uid, gid);
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
