package dev.jbuild.executor.sandbox;

import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts a stacked overlay: lower dirs bottom first, one upper and work dir. The kernel takes one
 * page of mount options, so lower dirs are named through short numbered symlinks (l/0, l/1, …)
 * relative to the mount's working directory: 100s of layers fit.
 */
public final class OverlayMount {
    private OverlayMount() {
    }

    /** What becomes of the upper dir once the mount is gone. */
    public enum Upper {
        /** Mounted again later (a named container's next start): every sync reaches the disk. */
        KEPT,
        /**
         * Never mounted again (a step's upper becomes a layer tree, a --rm container's is removed): mounted
         * volatile, so the last unmount does not sync the whole upper file system. Without it, that sync wrote
         * back every dirty page of the disk (a base just extracted, another process's files) inside the step:
         * 0.75 s for the first COPY onto a freshly pulled Debian base here, 1.06 s to unmount 300 MB written.
         * The kernel writes the tree back as it does any file; fsync in a step is a no-op, as with dpkg's
         * --force-unsafe-io. Kernels before 5.10 do not know the option: the mount is made without it.
         */
        THROWN_AWAY
    }

    /** Whether the kernel takes {@code volatile}: false once a mount failed with it and succeeded without. */
    private static volatile boolean volatileKnown = true;

    /**
     * @param dir     holds upper/ and work/, and gets l/ for the links
     * @param lowers  the image's layers, bottom first, then any extra read-only layers
     */
    public static void mount(Path dir, List<Path> lowers, Path upper, Path work, Path target, UserNamespaceMode mode, Upper kind)
            throws IOException {
        Path links = dir.resolve("l");
        Files.createDirectories(links);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lowers.size(); i++) {
            Path link = links.resolve(Integer.toString(i));
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, lowers.get(i).toAbsolutePath());
            names.add(0, "l/" + i); // overlay lists the top layer first
        }
        String options = "lowerdir=" + String.join(":", names) + ",upperdir=" + dir.relativize(upper) + ",workdir="
                + dir.relativize(work) + (mode == UserNamespaceMode.ROOT ? "" : ",userxattr");
        try {
            if (kind == Upper.THROWN_AWAY && volatileKnown) {
                try {
                    Posix.mountOverlay(dir, options + ",volatile", target);
                } catch (IOException refused) {
                    Posix.mountOverlay(dir, options, target); // fails with the real reason if it was another
                    volatileKnown = false;
                }
                return;
            }
            Posix.mountOverlay(dir, options, target);
        } catch (IOException e) {
            throw new SandboxException("cannot mount the overlay at " + target + ": " + e.getMessage());
        }
    }

    /** Unmounts it from this process's mount namespace (containers keep their own copy); absent is fine. */
    public static void unmount(Path target) throws IOException {
        Posix.unmountLazily(target);
    }
}
