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
 * A {@link ScratchRoot} without a mount: the layers copied into merged/, a metadata snapshot taken;
 * the upper is what differs from it afterwards, written as overlay would have left it.
 */
final class CopiedRoot implements ScratchRoot {
    private final Path dir;
    private final TreeSnapshot before;
    private final Set<String> excluded;
    private boolean upperWritten;

    private CopiedRoot(Path dir, TreeSnapshot before, Set<String> excluded) {
        this.dir = dir;
        this.before = before;
        this.excluded = excluded;
    }

    static CopiedRoot copy(TempFiles temp, String purpose, List<Path> lowers) throws IOException {
        return copy(temp.createDirectory(purpose), lowers, Set.of());
    }

    /** In {@code dir}: merged/ with the layers, upper/ for the changes; {@code excluded} never counts as changed. */
    static CopiedRoot copy(Path dir, List<Path> lowers, Set<String> excluded) throws IOException {
        try {
            Path merged = Files.createDirectories(dir.resolve("merged"));
            new TreeMerge(UserNamespace.isRealRoot()).apply(lowers, merged);
            return new CopiedRoot(dir, TreeSnapshot.take(merged, excluded), excluded);
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
        Path upper = dir.resolve("upper");
        if (!upperWritten) {
            upperWritten = true;
            Files.createDirectories(upper);
            TreeSnapshot.take(merged(), excluded).since(before).writeUpper(merged(), upper, UserNamespace.isRealRoot());
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
