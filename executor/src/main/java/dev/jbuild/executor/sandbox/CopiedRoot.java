package dev.jbuild.executor.sandbox;

import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.tree.TreeMerge;
import dev.jbuild.store.tree.TreeSnapshot;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A {@link ScratchRoot} without a mount: the layers copied into merged/, a metadata snapshot taken
 * (unless it is a view); the upper is what differs from it afterwards, written as overlay would have left it.
 */
final class CopiedRoot implements ScratchRoot {
    private final Path dir;
    private final TreeSnapshot before;
    private boolean upperWritten;

    private CopiedRoot(Path dir, TreeSnapshot before) {
        this.dir = dir;
        this.before = before;
    }

    /** In a temp dir: merged/ with the layers and, when {@code tracked}, a snapshot for {@link #upper()} to compare with. */
    static CopiedRoot copy(TempFiles temp, String purpose, List<Path> lowers, boolean tracked) throws IOException {
        Path dir = temp.createDirectory(purpose);
        try {
            Path merged = Files.createDirectories(dir.resolve("merged"));
            new TreeMerge(UserNamespace.isRealRoot()).apply(lowers, merged);
            return new CopiedRoot(dir, tracked ? TreeSnapshot.take(merged, Set.of()) : null);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    @Override
    public Path merged() {
        return dir.resolve("merged");
    }

    /** Worked out on first use: a read-only view never pays for it. */
    @Override
    public Path upper() throws IOException {
        if (before == null) {
            throw new IllegalStateException("a view has no upper: open the root with ScratchRoot.open to write a layer");
        }
        Path upper = dir.resolve("upper");
        if (!upperWritten) {
            upperWritten = true;
            Files.createDirectories(upper);
            TreeSnapshot.take(merged(), Set.of()).since(before).writeUpper(merged(), upper, UserNamespace.isRealRoot());
        }
        return upper;
    }

    @Override
    public void unmount() {
        // nothing is mounted
    }

    @Override
    public void close() throws IOException {
        Trees.delete(dir);
    }
}
