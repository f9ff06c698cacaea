package dev.jbuild.store.fs;

import dev.jbuild.store.UserDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where jbuild's JNI library is on disk: beside the classes when they are a directory (tests), else
 * copied out of jbuild's jar once into the user's cache, named by the entry's CRC so that a rebuilt
 * jar brings its own copy. The JVM can only load a library from a file.
 */
final class NativeLibraryFile {
    private NativeLibraryFile() {
    }

    static Path find() {
        String name = "libjbuild-libc-" + System.getProperty("os.arch") + ".so";
        URL url = LibC.class.getResource(name);
        if (url == null) {
            throw new UnsatisfiedLinkError(name + " is not in jbuild's jar: it was built on another kind of machine (rebuild it on this one)");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            JarURLConnection entry = (JarURLConnection) url.openConnection();
            String copy = "libjbuild-libc-" + Long.toHexString(entry.getJarEntry().getCrc()) + ".so";
            Path cached = UserDirs.current().cacheHome().resolve("jbuild").resolve(copy);
            if (Files.isRegularFile(cached)) {
                return cached;
            }
            try {
                return copy(url, cached);
            } catch (IOException unwritable) {
                Path temporary = Files.createTempFile(copy, null);
                temporary.toFile().deleteOnExit();
                return copy(url, temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + name + " out of jbuild's jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes it beside {@code target} first: another jbuild may be loading the same copy. */
    private static Path copy(URL url, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try (InputStream in = url.openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
