package dev.jbuild.store.blob;

import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.file.StandardCopyOption;

/**
 * The store's tmp/: everything is written there first and renamed into place. Names carry the
 * writing process's pid so that the next run can remove what a killed process left behind.
 */
public final class TempFiles {
    private final Path dir;

    public TempFiles(Path dir) {
        this.dir = dir;
    }

    public Path create(String kind) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, ProcessHandle.current().pid() + "-" + kind + "-", ".tmp");
    }

    public Path createDirectory(String kind) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, ProcessHandle.current().pid() + "-" + kind + "-");
    }

    /** Atomic rename within the store's file system. */
    public void moveInto(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("tmp/ and " + target.getParent() + " must be on one file system", e);
        }
    }

    /** Removes what processes that are no longer running left in tmp/. */
    public void removeAbandoned() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) { // no stream: its lambdas cost a cold start
            for (Path p : entries) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(name.substring(0, Math.max(dash, 0)));
                } catch (NumberFormatException e) {
                    continue;
                }
                Optional<ProcessHandle> process = ProcessHandle.of(pid);
                if (process.isPresent() && process.get().isAlive()) {
                    continue;
                }
                try {
                    Trees.delete(p);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // housekeeping only: a command outside jbuild's namespace cannot delete files of
                    // other ids; the next one inside it will
                }
            }
        }
    }
}
