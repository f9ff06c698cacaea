package dev.jbuild.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library as jbuild's jar carries it: copied into the cache once per jar, again when the jar is newer. */
class NativeLibraryFileTest {
    private static final String DIR = "dev/jbuild/store/fs/";
    private static final String LIBRARY = "libjbuild-libc-" + System.getProperty("os.arch") + ".so";

    @TempDir
    Path tmp;

    @Test
    void aJarsLibraryIsCopiedOnceAndAgainWhenTheJarIsNewer() throws Exception {
        Path classes = Path.of(LibC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        byte[] library = Files.readAllBytes(classes.resolve(DIR + LIBRARY));
        Path jar = tmp.resolve("jbuild.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"LibC.class", "NativeLibraryFile.class", LIBRARY}) {
                put(out, DIR + name, Files.readAllBytes(classes.resolve(DIR + name)));
            }
        }
        Path cache = tmp.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Method find = loader.loadClass("dev.jbuild.store.fs.NativeLibraryFile").getDeclaredMethod("find", Path.class);
            find.setAccessible(true);

            Path copy = (Path) find.invoke(null, cache);
            assertEquals(cache, copy.getParent());
            assertEquals(LIBRARY.replace(".so", jar.toString().replace('/', '_') + ".so"), copy.getFileName().toString());
            assertArrayEquals(library, Files.readAllBytes(copy));

            Files.writeString(copy, "kept: not older than the jar");
            assertEquals(copy, find.invoke(null, cache));
            assertEquals("kept: not older than the jar", Files.readString(copy));

            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // the jar was rebuilt
            assertEquals(copy, find.invoke(null, cache));
            assertArrayEquals(library, Files.readAllBytes(copy), "copied again from the newer jar");
            try (var files = Files.list(cache)) {
                assertEquals(1, files.count(), "no temporary file left beside the copy");
            }
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
