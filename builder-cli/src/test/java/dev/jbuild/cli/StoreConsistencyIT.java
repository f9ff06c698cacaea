package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several jbuild processes on one store, and one killed mid-write: nothing is corrupted or lost. */
class StoreConsistencyIT {
    @TempDir
    Path store;

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), null, JbuildProcess.PROJECT, args);
    }

    /** Every blob's content hashes to its name, index.json parses, every image it names is complete. */
    private void assertStoreConsistent() throws Exception {
        try (Stream<Path> blobs = Files.list(store.resolve("blobs/sha256"))) {
            for (Path blob : (Iterable<Path>) blobs::iterator) {
                String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(blob)));
                assertEquals(blob.getFileName().toString(), hex, "blob content matches its digest");
            }
        }
        new ObjectMapper().readTree(store.resolve("index.json").toFile());
        Result inspect = jbuild("inspect", "--help");
        assertEquals(0, inspect.exitCode());
        for (String id : jbuild("images", "-q", "--no-trunc").out().lines().toList()) {
            assertEquals(0, jbuild("inspect", id).exitCode(), "image " + id + " is readable");
        }
    }

    @Test
    void parallelImportsTagsAndRemovals() throws Exception {
        String tar = Fixtures.busyboxTar().toString();
        assertEquals(0, jbuild("import", "-c", "ENV V=victim", tar, "victim:1").exitCode());
        assertEquals(0, jbuild("import", "-c", "ENV V=keep", tar, "keep:1").exitCode());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Result>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "parallel:" + i;
                runs.add(pool.submit(() -> jbuild("import", "-c", "ENV N=" + name, tar, name)));
            }
            // The removal collects garbage while the imports write blobs it shares with them (the same layer).
            runs.add(pool.submit(() -> jbuild("rmi", "victim:1")));
            runs.add(pool.submit(() -> jbuild("tag", "keep:1", "keep:2")));
            for (Future<Result> run : runs) {
                Result r = run.get(120, TimeUnit.SECONDS);
                assertEquals(0, r.exitCode(), r::toString);
            }
        } finally {
            pool.shutdownNow();
        }
        String images = jbuild("images").out();
        for (int i = 0; i < 4; i++) {
            assertTrue(images.contains("\nparallel     " + i + " "), images);
        }
        assertTrue(images.contains("\nkeep         2 "), images);
        assertTrue(!images.contains("victim"), images);
        assertStoreConsistent();
    }

    @Test
    void killedMidWriteLeavesNothingHalfWritten() throws Exception {
        byte[] tar = Files.readAllBytes(Fixtures.busyboxTar());
        assertEquals(0, jbuild("import", Fixtures.busyboxTar().toString(), "kept:1").exitCode());
        String indexBefore = Files.readString(store.resolve("index.json"));

        ProcessBuilder pb = new ProcessBuilder(JbuildProcess.LAUNCHER.toString(), "import", "-", "killed:1")
                .redirectErrorStream(true);
        pb.environment().put("JBUILD_ROOT", store.toString());
        Process p = pb.start();
        OutputStream in = p.getOutputStream();
        in.write(tar, 0, tar.length / 2); // half the archive, then the writer waits for more
        in.flush();
        Path tmp = store.resolve("tmp");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!hasTempFiles(tmp) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(hasTempFiles(tmp), "the import started writing");
        p.destroyForcibly(); // SIGKILL: the launcher execs into the JVM, so this is the writer itself
        p.waitFor(30, TimeUnit.SECONDS);

        assertEquals(indexBefore, Files.readString(store.resolve("index.json")), "the index is untouched");
        assertStoreConsistent();
        // The next command that writes cleans what the dead process left (those that only read leave it).
        assertEquals(0, jbuild("tag", "kept:1", "kept:2").exitCode());
        assertTrue(!hasTempFiles(tmp), "the next writing run removed the dead process's temp files");
        assertTrue(jbuild("images").out().contains("kept "), "what was stored before is still there");
    }

    private static boolean hasTempFiles(Path tmp) throws Exception {
        if (!Files.isDirectory(tmp)) {
            return false;
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.findAny().isPresent();
        }
    }
}
