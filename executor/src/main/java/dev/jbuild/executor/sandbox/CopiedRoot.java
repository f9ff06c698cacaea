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
 * A linked root's regular files are the layers' own, hard-linked: only for what never writes, chmods or
 * chowns a file it did not make (a view, COPY, WORKDIR), never for a RUN.
 */
final class CopiedRoot implements ScratchRoot {
    private final Path dir;
    private final TreeSnapshot before;
    private final boolean linked;
    private boolean upperWritten;

    private CopiedRoot(Path dir, TreeSnapshot before, boolean linked) {
        this.dir = dir;
        this.before = before;
        this.linked = linked;
    }

    /** A root to write a layer in: the layers copied, a snapshot taken for {@link #upper()} to compare with. */
    static CopiedRoot copy(TempFiles temp, String purpose, List<Path> lowers) throws IOException {
        return make(temp, purpose, lowers, true, false);
    }

    /** The same, linked: for a step that only adds files (see the class comment). */
    static CopiedRoot linked(TempFiles temp, String purpose, List<Path> lowers) throws IOException {
        return make(temp, purpose, lowers, true, true);
    }

    /** A view: read, or copied into a step's root; linked, without a snapshot. */
    static CopiedRoot view(TempFiles temp, String purpose, List<Path> lowers) throws IOException {
        return make(temp, purpose, lowers, false, true);
    }

    private static CopiedRoot make(TempFiles temp, String purpose, List<Path> lowers, boolean tracked, boolean linked)
            throws IOException {
        Path dir = temp.createDirectory(purpose);
        try {
            Path merged = Files.createDirectories(dir.resolve("merged"));
            (linked ? TreeMerge.linking(UserNamespace.isRealRoot()) : new TreeMerge(UserNamespace.isRealRoot())).apply(lowers, merged);
            return new CopiedRoot(dir, tracked ? TreeSnapshot.take(merged, Set.of()) : null, linked);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    /** A kept root ({@link KeptRoots}) moved into a temp dir as merged/, its snapshot taken. */
    static CopiedRoot adopt(TempFiles temp, String purpose, ChrootRoot.Kept kept) throws IOException {
        Path dir = temp.createDirectory(purpose);
        try {
            Files.move(kept.merged(), dir.resolve("merged"));
            Trees.delete(kept.merged().getParent());
            return new CopiedRoot(dir, TreeSnapshot.take(dir.resolve("merged"), Set.of()), kept.linked());
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    /** Once its changes were taken (or it made none): merged/ moved to {@code holding} for the stage's next step. */
    ChrootRoot.Kept keep(Path holding) throws IOException {
        Files.move(merged(), holding);
        return new ChrootRoot.Kept(holding, linked);
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
            TreeSnapshot after = TreeSnapshot.take(merged(), Set.of());
            (linked ? after.sinceInLinkedTree(before) : after.since(before)).writeUpper(merged(), upper, UserNamespace.isRealRoot());
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
