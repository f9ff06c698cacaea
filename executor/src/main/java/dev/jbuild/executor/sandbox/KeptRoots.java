package dev.jbuild.executor.sandbox;

import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Under chroot isolation, a build's step roots kept for the next step of their stage, so that a stage
 * copies its image's files once rather than at every step: a RUN's root is held, once its step succeeded,
 * under the step's container until its layer is stored, then under the layers it now holds (bottom first),
 * where the next step over exactly those layers takes it, a RUN ({@link #reuse}) or a step that writes a
 * layer without running anything ({@link #open}, {@link #keep}). What is never taken is removed when the
 * build ends.
 */
public final class KeptRoots implements AutoCloseable {
    private final TempFiles temp;
    private final Map<String, ChrootRoot.Kept> pending = new HashMap<>();
    private final Map<List<Path>, ChrootRoot.Kept> byLayers = new HashMap<>();

    public KeptRoots(TempFiles temp) {
        this.temp = temp;
    }

    /** The root kept over exactly {@code layers}, moved to {@code merged} for another step; null when there is none to use. */
    public ChrootRoot reuse(List<Path> layers, Path merged, Path etc, List<Volume> volumes, Path init) throws IOException {
        ChrootRoot.Kept kept = take(layers, false); // a RUN would write a linked root's files, the layers' own
        if (kept == null) {
            return null;
        }
        Optional<ChrootRoot> root = ChrootRoot.reuse(kept, merged, etc, volumes, init);
        if (root.isEmpty()) {
            delete(kept);
        }
        return root.orElse(null);
    }

    /**
     * A root over {@code layers} for COPY, ADD or WORKDIR to write a layer in: under chroot isolation the
     * kept one when there is one, else a copy, linked when the step {@code onlyAddsFiles} (never writes,
     * chmods or chowns a file it did not make); an overlay mount where the host allows one.
     */
    public ScratchRoot open(String purpose, List<Path> layers, UserNamespaceMode mode, boolean onlyAddsFiles) throws IOException {
        if (Isolation.current() != Isolation.CHROOT) {
            return ScratchRoot.open(temp, purpose, layers, mode);
        }
        ChrootRoot.Kept kept = take(layers, onlyAddsFiles);
        if (kept != null) {
            return CopiedRoot.adopt(temp, purpose, kept);
        }
        return onlyAddsFiles ? CopiedRoot.linked(temp, purpose, layers) : CopiedRoot.copy(temp, purpose, layers);
    }

    /** After {@link #open}'s root gave its layer: under chroot isolation it is kept over {@code layers}, which now hold it. */
    public void keep(ScratchRoot root, List<Path> layers) throws IOException {
        if (root instanceof CopiedRoot copied) {
            Path dir = temp.createDirectory("kept-root");
            holdOver(layers, copied.keep(dir.resolve("merged")));
        }
    }

    /** A step that succeeded: its root is held until its layer is stored ({@link #became}). */
    public void hold(String container, ChrootRoot root) throws IOException {
        Path dir = temp.createDirectory("kept-root");
        Optional<ChrootRoot.Kept> kept = root.keep(dir.resolve("merged"));
        if (kept.isEmpty()) {
            Trees.delete(dir);
            return;
        }
        synchronized (this) {
            pending.put(container, kept.get());
        }
    }

    /** Whether a root is held for the container's step. */
    public synchronized boolean holds(String container) {
        return pending.containsKey(container);
    }

    /** The container's step is a layer now: its root holds {@code layers}. */
    public synchronized void became(String container, List<Path> layers) throws IOException {
        ChrootRoot.Kept kept = pending.remove(container);
        if (kept != null) {
            holdOver(layers, kept);
        }
    }

    /**
     * The root kept over exactly {@code layers}, taken out; null when there is none, or it is linked and
     * {@code linkedUsable} is false (it is removed then: nothing else could use it).
     */
    private ChrootRoot.Kept take(List<Path> layers, boolean linkedUsable) throws IOException {
        ChrootRoot.Kept kept;
        synchronized (this) {
            kept = byLayers.remove(List.copyOf(layers));
        }
        if (kept != null && kept.linked() && !linkedUsable) {
            delete(kept);
            return null;
        }
        return kept;
    }

    /** {@code kept} held over {@code layers} for the next step over them; a root held there before goes. */
    private synchronized void holdOver(List<Path> layers, ChrootRoot.Kept kept) throws IOException {
        ChrootRoot.Kept replaced = byLayers.put(List.copyOf(layers), kept);
        if (replaced != null) {
            delete(replaced);
        }
    }

    /** The container's step failed after all (its layer was not stored): its root goes. */
    public synchronized void drop(String container) throws IOException {
        ChrootRoot.Kept kept = pending.remove(container);
        if (kept != null) {
            delete(kept);
        }
    }

    private static void delete(ChrootRoot.Kept kept) throws IOException {
        Trees.delete(kept.merged().getParent());
    }

    @Override
    public synchronized void close() throws IOException {
        List<ChrootRoot.Kept> all = new ArrayList<>(pending.values());
        all.addAll(byLayers.values());
        pending.clear();
        byLayers.clear();
        for (ChrootRoot.Kept kept : all) {
            delete(kept);
        }
    }
}
