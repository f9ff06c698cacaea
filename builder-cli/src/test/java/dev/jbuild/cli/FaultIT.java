package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite: jbuild SIGKILLed at random points of build (RUN, COPY, commit), pull, push, rmi,
 * prune and run, each followed by a consistency check of the store: every name's manifest, config
 * and layers present and verified, skopeo reads it, a new build and run work, and no process, mount
 * or temp file is left behind. CI runs a few rounds; {@code -Djbuild.faultRounds=N} (bench/soak.sh)
 * runs more. The seed is printed so a failing round can be replayed with {@code -Djbuild.faultSeed}.
 */
class FaultIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();
    private static final int ROUNDS = Integer.getInteger("jbuild.faultRounds", 2);

    @TempDir
    Path work;
    private Path store;
    private Path context;
    private Random random;
    private String marker;

    private Map<String, String> env() {
        return Map.of("JBUILD_ROOT", store.toString());
    }

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.run(env(), null, JbuildProcess.PROJECT, args);
    }

    private Result ok(String... args) throws Exception {
        Result r = jbuild(args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
        return r;
    }

    @BeforeEach
    void setUp() throws Exception {
        long seed = Long.getLong("jbuild.faultSeed", System.nanoTime());
        System.out.println("FaultIT seed " + seed + " (replay with -Djbuild.faultSeed=" + seed + ")");
        random = new Random(seed);
        store = work.resolve("store");
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        // A sleep no other process on the machine runs: what is left of a killed RUN is found by it.
        marker = Integer.toString(7000 + random.nextInt(2000));
        context = Files.createDirectories(work.resolve("ctx"));
        Path files = Files.createDirectories(context.resolve("files"));
        byte[] noise = new byte[64 * 1024];
        for (int i = 0; i < 300; i++) {
            random.nextBytes(noise);
            Files.write(files.resolve("f" + i), noise);
        }
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUN echo first > /first\nCOPY files /files\n"
                + "RUN dd if=/dev/urandom of=/big bs=1M count=8 2>/dev/null && sleep " + marker + "\nCMD [\"true\"]\n");
        Files.writeString(context.resolve("Dockerfile.quick"), "FROM busybox\nRUN echo fine > /fine\nCMD [\"cat\", \"/fine\"]\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        killLeftovers();
        JbuildProcess.removeStore(store);
    }

    /** Starts jbuild, SIGKILLs it after a random delay in [0, maxMillis), and waits for it to be gone. */
    private void killedAfterAWhile(int maxMillis, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JbuildProcess.LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("JBUILD_USERNS");
        pb.environment().putAll(env());
        Process p = pb.start();
        long delay = random.nextInt(maxMillis);
        if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed jbuild ended");
    }

    /** Every check the issue names, after a kill. */
    private void assertConsistentAndClean(String after) throws Exception {
        Thread.sleep(200); // the kernel delivers the parent-death signals
        assertEquals(List.of(), leftovers(), after + ": no process of the killed jbuild is left");
        // A command in jbuild's namespace that opens the store as writers do (ps) cleans what the dead one
        // left in tmp/ (images, inspect and history only read it); its mounts died with its namespace.
        ok("ps", "-a");
        try (Stream<Path> tmp = Files.list(store.resolve("tmp"))) {
            assertEquals(List.of(), tmp.toList(), after + ": no temp file left");
        }
        JsonNode index = new ObjectMapper().readTree(store.resolve("index.json").toFile());
        assertTrue(index.get("manifests").isArray(), after + ": index.json is an image index");
        for (JsonNode entry : index.get("manifests")) {
            JsonNode manifest = new ObjectMapper().readTree(verifiedBlob(entry.get("digest").asText(), after).toFile());
            verifiedBlob(manifest.get("config").get("digest").asText(), after);
            for (JsonNode layer : manifest.get("layers")) {
                if (!layer.get("mediaType").asText().endsWith(".tar")) {
                    verifiedBlob(layer.get("digest").asText(), after);
                }
            }
        }
        for (String id : jbuild("images", "-q", "--no-trunc").out().lines().toList()) {
            ok("inspect", id);
            // A layer stored only as a tree is present when its tar can be written again, diffID checked.
            ok("save", "-o", work.resolve("verify.tar").toString(), id);
        }
        for (JsonNode entry : index.get("manifests")) {
            String name = entry.path("annotations").path("org.opencontainers.image.ref.name").asText("");
            if (!name.isEmpty() && Files.exists(Paths.get("/usr/bin/skopeo"))) {
                Result skopeo = Fixtures.skopeo("inspect", "oci:" + store + ":" + name);
                assertEquals(0, skopeo.exitCode(), after + ": skopeo reads " + name + "\n" + skopeo);
                break;
            }
        }
        if (jbuild("images", "-q", "busybox").out().isBlank()) { // a prune took it
            ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        }
        ok("build", "-q", "-t", "quick", "-f", context.resolve("Dockerfile.quick").toString(), context.toString());
        assertEquals("fine\n", ok("run", "--rm", "quick").out(), after + ": a new build runs");
    }

    private Path verifiedBlob(String digest, String after) throws Exception {
        Path blob = store.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
        assertTrue(Files.exists(blob), after + ": " + digest + " is present");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(blob)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        assertEquals(digest, "sha256:" + HexFormat.of().formatHex(sha.digest()), after + ": " + digest + " verifies");
        return blob;
    }

    /** Processes whose command line holds the marker (the RUN's or the container's sleep). */
    private List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Paths.get("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (cmdline.contains("sleep " + marker) || cmdline.matches(".*sleep\\s+" + marker + "\\b.*")) {
                        found.add(proc.getFileName() + ": " + cmdline.trim());
                    }
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return found;
    }

    private void killLeftovers() throws Exception {
        Fixtures.exec("pkill", "-KILL", "-f", "sleep " + marker);
    }

    @Test
    void killedBuildsLeaveAConsistentStoreAndNoProcess() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            // Over the whole build: FROM, the first RUN, COPY of 300 files, the 8 MB RUN, commit.
            killedAfterAWhile(6000, "build", "--no-cache", "-t", "faulty", context.toString());
            assertConsistentAndClean("build round " + round);
        }
        // The last RUN for sure: it sleeps until killed.
        Process build = startBuild();
        awaitMarker();
        build.destroyForcibly();
        build.waitFor();
        assertConsistentAndClean("build killed in its RUN");
    }

    @Test
    void ctrlCOrSigtermStopsTheStepAndKeepsTheFinishedStepsCached() throws Exception {
        Process build = startBuild();
        awaitMarker();
        new ProcessBuilder("kill", "-TERM", Long.toString(javaOf(build))).start().waitFor();
        assertTrue(build.waitFor(30, TimeUnit.SECONDS), "the build stops on SIGTERM");
        assertFalse(build.exitValue() == 0);
        assertConsistentAndClean("build stopped by SIGTERM");
        Files.writeString(context.resolve("Dockerfile"), Files.readString(context.resolve("Dockerfile"))
                .replace("sleep " + marker, "true"));
        Result again = ok("build", "-t", "faulty", context.toString());
        assertEquals(2, again.out().lines().filter(l -> l.equals("--> CACHED")).count(), again.out());
    }

    @Test
    void killedTransfersAndRemovalsLeaveAConsistentStore() throws Exception {
        ok("build", "-q", "-t", "quick", "-f", context.resolve("Dockerfile.quick").toString(), context.toString());
        String remote = REGISTRY.host() + "/faults/quick:1";
        for (int round = 0; round < ROUNDS; round++) {
            killedAfterAWhile(1500, "push", "quick", remote);
            assertConsistentAndClean("push round " + round);
            ok("push", "quick", remote);
            killedAfterAWhile(1500, "pull", remote);
            assertConsistentAndClean("pull round " + round);
            jbuild("rmi", remote); // when the pull got as far as naming it
            ok("tag", "quick", "doomed:" + round);
            killedAfterAWhile(1200, "rmi", "doomed:" + round);
            assertConsistentAndClean("rmi round " + round);
            killedAfterAWhile(1200, "system", "prune", "-a", "-f");
            assertConsistentAndClean("prune round " + round);
            killedAfterAWhile(2000, "run", "--rm", "busybox", "sleep", marker);
            assertConsistentAndClean("run round " + round);
            assertEquals("", ok("ps", "-aq").out(), "the killed run's --rm container is removed by the next command");
        }
    }

    private Process startBuild() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(JbuildProcess.LAUNCHER.toString(), "build", "-t", "faulty", context.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("JBUILD_USERNS");
        pb.environment().putAll(env());
        return pb.start();
    }

    private void awaitMarker() throws Exception {
        for (int i = 0; i < 600 && leftovers().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertFalse(leftovers().isEmpty(), "the RUN step started");
    }

    /** The launcher execs into java: the same pid, once it is java. */
    private static long javaOf(Process launcher) {
        return launcher.pid();
    }
}
