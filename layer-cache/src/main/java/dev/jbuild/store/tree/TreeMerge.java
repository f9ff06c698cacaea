package dev.jbuild.store.tree;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays extracted layer trees (overlay form) one over another into a plain directory, as an overlay
 * mount would show them: what a layer has replaces what is below, its whiteouts delete, its opaque
 * directories hide everything below them. For hosts where nothing can be mounted.
 */
public final class TreeMerge {
    private final boolean realRoot;
    private final boolean linkFiles;

    public TreeMerge(boolean realRoot) {
        this(realRoot, false);
    }

    private TreeMerge(boolean realRoot, boolean linkFiles) {
        this.realRoot = realRoot;
        this.linkFiles = linkFiles;
    }

    /**
     * Regular files hard-linked to the layers' own (copied where no link can be made): for a tree that is
     * only read, whose files must then never be written, chmod-ed or chown-ed.
     */
    public static TreeMerge linking(boolean realRoot) {
        return new TreeMerge(realRoot, true);
    }

    /** Applies {@code layers}, bottom first, onto {@code target}. */
    public void apply(List<Path> layers, Path target) throws IOException {
        for (Path layer : layers) {
            EntryCopy copy = new EntryCopy(realRoot, linkFiles);
            applyDir(layer, target, copy);
            copy.finish();
        }
    }

    private void applyDir(Path from, Path to, EntryCopy copy) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
            for (Path child : children) {
                Path target = to.resolve(child.getFileName().toString());
                FileInfo info = Posix.lstat(child);
                if (info.isOverlayWhiteout()) {
                    Trees.delete(target);
                    continue;
                }
                boolean keepDir = info.type() == FileInfo.S_IFDIR && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                        && !Whiteouts.isOpaque(child);
                if (!keepDir) {
                    Trees.delete(target);
                }
                copy.copy(child, target, info);
                if (info.type() == FileInfo.S_IFDIR) {
                    applyDir(child, target, copy);
                }
            }
        }
    }
}
