package dev.jbuild.executor.sandbox;

import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link ScratchRoot} as an overlay mount of the trees under a throw-away upper dir; closing unmounts and deletes it. */
public final class ScratchOverlay implements ScratchRoot {
    private final Path dir;
    private boolean mounted;

    private ScratchOverlay(Path dir) {
        this.dir = dir;
    }

    /** Mounts {@code lowers} (bottom first) under a fresh upper dir in a temp dir named after {@code purpose}. */
    public static ScratchOverlay mount(TempFiles temp, String purpose, List<Path> lowers, UserNamespaceMode mode) throws IOException {
        ScratchOverlay overlay = new ScratchOverlay(temp.createDirectory(purpose));
        try {
            for (String sub : List.of("upper", "work", "merged", "empty")) {
                Files.createDirectory(overlay.dir.resolve(sub));
            }
            List<Path> all = new ArrayList<>(lowers);
            all.add(overlay.dir.resolve("empty")); // overlay needs one lower dir at least (FROM scratch has none)
            OverlayMount.mount(overlay.dir, all, overlay.upper(), overlay.dir.resolve("work"), overlay.merged(), mode,
                    OverlayMount.Upper.THROWN_AWAY);
            overlay.mounted = true;
            return overlay;
        } catch (IOException | RuntimeException e) {
            Trees.delete(overlay.dir);
            throw e;
        }
    }

    @Override
    public Path merged() {
        return dir.resolve("merged");
    }

    /** What was written through {@link #merged()}: read it after {@link #unmount()}. */
    @Override
    public Path upper() {
        return dir.resolve("upper");
    }

    @Override
    public void unmount() throws IOException {
        if (mounted) {
            mounted = false;
            OverlayMount.unmount(merged());
        }
    }

    @Override
    public void close() throws IOException {
        unmount();
        Trees.delete(dir);
    }
}
