package dev.jbuild.store.fs;

import dev.jbuild.store.UserDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where one of jbuild's native files (its JNI library, its sandbox program) is on disk: beside the
 * classes of its package when they are a directory (tests), else copied out of jbuild's jar into the
 * user's cache, one copy per jar (named after its path, as the launcher names its class-data archive)
 * and copied again when the jar is newer. The JVM loads a library and execs a program only from a
 * file; looking the copy up by the jar's path, not by the entry inside the jar, keeps the jar's
 * entries unread on the common path.
 */
public final class NativeFile {
    private NativeFile() {
    }

    /** The file's path, copies out of a jar going into the user's cache directory for jbuild. */
    public static Path find(Class<?> anchor, String name, boolean executable) {
        return find(anchor, name, UserDirs.current().cacheHome().resolve("jbuild"), executable);
    }

    /**
     * @param anchor a class of the package the file is in
     * @param name   the file's name, which says the machine kind it was built for
     * @param cache  where copies out of a jar go: the user's cache directory for jbuild
     */
    public static Path find(Class<?> anchor, String name, Path cache, boolean executable) {
        try {
            Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes)) {
                Path file = classes.resolve(anchor.getPackageName().replace('.', '/')).resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw notBuiltHere(name);
                }
                return file;
            }
            Path cached = cache.resolve(name + classes.toString().replace('/', '_'));
            if (Files.isRegularFile(cached) && !Files.getLastModifiedTime(classes).toInstant()
                    .isAfter(Files.getLastModifiedTime(cached).toInstant())) {
                return cached;
            }
            try {
                return copy(anchor, name, cached, executable);
            } catch (IOException unwritable) {
                Path temporary = Files.createTempFile(name, "");
                temporary.toFile().deleteOnExit();
                return copy(anchor, name, temporary, executable);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + name + " out of jbuild's jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnsatisfiedLinkError notBuiltHere(String name) {
        return new UnsatisfiedLinkError(name + " is not among jbuild's classes: it was built on another kind of machine (rebuild it"
                + " on this one)");
    }

    /** Writes it beside {@code target} first: another jbuild may be using the same copy. */
    private static Path copy(Class<?> anchor, String name, Path target, boolean executable) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw notBuiltHere(name);
            }
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            if (executable) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
