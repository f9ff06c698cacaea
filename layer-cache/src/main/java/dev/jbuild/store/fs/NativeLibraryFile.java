package dev.jbuild.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where jbuild's JNI library is on disk: beside the classes when they are a directory (tests), else
 * copied out of jbuild's jar into the user's cache, one copy per jar (named after its path, as the
 * launcher names its class-data archive) and copied again when the jar is newer. The JVM loads a
 * library only from a file; looking the copy up by the jar's path, not by the entry inside the jar,
 * keeps the jar's entries unread on the common path.
 */
final class NativeLibraryFile {
    private static final String NAME = "libjbuild-libc-" + System.getProperty("os.arch") + ".so";

    private NativeLibraryFile() {
    }

    /** @param cache where copies out of a jar go: the user's cache directory for jbuild */
    static Path find(Path cache) {
        try {
            Path classes = Path.of(LibC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes)) {
                Path library = classes.resolve("dev/jbuild/store/fs").resolve(NAME);
                if (!Files.isRegularFile(library)) {
                    throw notBuiltHere();
                }
                return library;
            }
            Path cached = cache.resolve(NAME.replace(".so", classes.toString().replace('/', '_') + ".so"));
            if (Files.isRegularFile(cached) && !Files.getLastModifiedTime(classes).toInstant()
                    .isAfter(Files.getLastModifiedTime(cached).toInstant())) {
                return cached;
            }
            try {
                return copy(cached);
            } catch (IOException unwritable) {
                Path temporary = Files.createTempFile("libjbuild-libc", ".so");
                temporary.toFile().deleteOnExit();
                return copy(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + NAME + " out of jbuild's jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnsatisfiedLinkError notBuiltHere() {
        return new UnsatisfiedLinkError(NAME + " is not among jbuild's classes: it was built on another kind of machine (rebuild it"
                + " on this one)");
    }

    /** Writes it beside {@code target} first: another jbuild may be loading the same copy. */
    private static Path copy(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try (InputStream in = LibC.class.getResourceAsStream(NAME)) {
            if (in == null) {
                throw notBuiltHere();
            }
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
