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

    /**
     * @param dir     holds upper/ and work/, and gets l/ for the links
     * @param lowers  the image's layers, bottom first, then any extra read-only layers
     */
    public static void mount(Path dir, List<Path> lowers, Path upper, Path work, Path target, UserNamespaceMode mode) throws IOException {
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
