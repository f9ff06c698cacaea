package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        String failure = run(dir, "mount", "-t", "overlay", "overlay", "-o", options, target.toString());
        if (failure != null) {
            throw new SandboxException("cannot mount the overlay at " + target + ": " + failure);
        }
    }

    /** Unmounts it from this process's mount namespace (containers keep their own copy); absent is fine. */
    public static void unmount(Path target) throws IOException {
        try {
            run(target.getParent(), "umount", "--lazy", target.toString());
        } catch (IOException e) {
            if (Files.isDirectory(target.getParent())) {
                throw e;
            } // removed meanwhile (a detached --rm container that already ended): the mount dies with our namespace
        }
    }

    /** Runs a mount tool; returns its output when it failed, else null. */
    private static String run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return p.waitFor() == 0 ? null : output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
