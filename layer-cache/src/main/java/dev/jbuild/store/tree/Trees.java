package dev.jbuild.store.tree;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting trees that hold read-only directories and files of other owners (as namespace root),
 * never following symlinks, on all cores (a step's root can hold tens of thousands of files);
 * another process deleting the same tree at once is not an error.
 */
public final class Trees {
    private Trees() {
    }

    /** Deletes {@code path} and everything below it; absent is fine. */
    public static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            TreeTasks.run(new DirectoryDelete(path));
        } else {
            Files.deleteIfExists(path);
        }
    }

    /** A directory's subdirectories and runs of its files deleted side by side, then the directory. */
    private static final class DirectoryDelete extends TreeTasks.Task {
        private final Path dir;

        DirectoryDelete(Path dir) {
            this.dir = dir;
        }

        @Override
        protected void work() throws IOException {
            List<TreeTasks.Task> tasks = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            try {
                if (!Files.isWritable(dir) || !Files.isExecutable(dir)) {
                    // A read-only directory (of an image, overlay's work/work): its children must go first.
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
                try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                    for (Path child : children) {
                        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                            tasks.add(new DirectoryDelete(child));
                        } else {
                            files.add(child);
                        }
                    }
                } catch (DirectoryIteratorException e) {
                    throw e.getCause();
                }
            } catch (NoSuchFileException e) {
                return; // deleted meanwhile by another process
            }
            for (List<Path> run : TreeTasks.runs(files)) {
                tasks.add(new FilesDelete(run));
            }
            all(tasks);
            Files.deleteIfExists(dir);
        }
    }

    private static final class FilesDelete extends TreeTasks.Task {
        private final List<Path> files;

        FilesDelete(List<Path> files) {
            this.files = files;
        }

        @Override
        protected void work() throws IOException {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }
}
