package dev.jbuild.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** A native file as jbuild's jar carries it: copied into the cache once per jar, again when the jar is newer. */
class NativeFileTest {
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
            for (String name : new String[] {"LibC.class", "NativeFile.class", LIBRARY}) {
                put(out, DIR + name, Files.readAllBytes(classes.resolve(DIR + name)));
            }
        }
        Path cache = tmp.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> libC = loader.loadClass("dev.jbuild.store.fs.LibC");
            Method method = loader.loadClass("dev.jbuild.store.fs.NativeFile")
                    .getDeclaredMethod("find", Class.class, String.class, Path.class, boolean.class);
            Find find = () -> (Path) method.invoke(null, libC, LIBRARY, cache, true);

            Path copy = find.invoke();
            assertEquals(cache, copy.getParent());
            assertEquals(LIBRARY + jar.toString().replace('/', '_'), copy.getFileName().toString());
            assertTrue(Files.isExecutable(copy), "asked for as a program");
            assertArrayEquals(library, Files.readAllBytes(copy));

            Files.writeString(copy, "kept: not older than the jar");
            assertEquals(copy, find.invoke());
            assertEquals("kept: not older than the jar", Files.readString(copy));

            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // the jar was rebuilt
            assertEquals(copy, find.invoke());
            assertArrayEquals(library, Files.readAllBytes(copy), "copied again from the newer jar");
            try (var files = Files.list(cache)) {
                assertEquals(1, files.count(), "no temporary file left beside the copy");
            }
        }
    }

    private interface Find {
        Path invoke() throws Exception;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
