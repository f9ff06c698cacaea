package dev.jbuild.store.blob;

import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's tmp/: everything is written there first and renamed into place. Names carry the
 * writing process's pid so that the next run can remove what a killed process left behind.
 */
public final class TempFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private final Path dir;

    public TempFiles(Path dir) {
        this.dir = dir;
    }

    public Path create(String kind) throws IOException {
        return make(kind, ".tmp", false);
    }

    public Path createDirectory(String kind) throws IOException {
        return make(kind, "", true);
    }

    /**
     * A new file (0600) or directory (0700) named after this process, the kind and a counter with a
     * random part. Not Files.createTemp*: its name generator is a SecureRandom, whose security
     * providers cost a cold start ~20 ms; tmp/ is the store's own, and the names need only be unique.
     */
    private Path make(String kind, String suffix, boolean directory) throws IOException {
        Files.createDirectories(dir);
        String prefix = ProcessHandle.current().pid() + "-" + kind + "-";
        while (true) {
            Path p = dir.resolve(prefix + COUNTER.incrementAndGet() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + suffix);
            try {
                return directory ? Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY))
                        : Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } catch (FileAlreadyExistsException taken) {
                // another process of the same pid number (a container's), or a leftover: the next name
            }
        }
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
