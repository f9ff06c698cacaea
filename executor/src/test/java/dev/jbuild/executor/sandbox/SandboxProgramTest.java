package dev.jbuild.executor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.fs.NativeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox program's own answers: a wrong call, and a setup that fails (one line, exit 125, as docker's). */
class SandboxProgramTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {
    }

    private Outcome run(String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), args);
    }

    private Outcome run(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(NativeFile.find(Sandbox.class, "jbuild-sandbox-" + System.getProperty("os.arch"), tmp, true).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), err);
    }

    @Test
    void aCallWithoutACommandIsAUsageError() throws Exception {
        Outcome none = run("namespaces", "/m", "/d", "box", "host", "/", "keep", "default");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("usage: jbuild-sandbox namespaces|chroot MERGED DIR"), none.err());
        Outcome envOnly = run("namespaces", "/m", "/d", "box", "host", "/", "keep", "default", "1", "A=b");
        assertEquals(2, envOnly.code());
        assertEquals("jbuild-sandbox: 1 environment entries and no command\n", envOnly.err());
    }

    @Test
    void aSetupThatFailsSaysWhatInOneLineAndExits125() throws Exception {
        // As root the namespaces are made and the missing fstab fails; unprivileged, the namespaces fail.
        Path missing = tmp.resolve("no-container");
        Outcome failed = run("namespaces", missing.resolve("merged").toString(), missing.toString(), "box", "host", "/", "keep",
                "default", "0", "true");
        assertEquals(125, failed.code(), failed.err());
        assertEquals(1, failed.err().lines().count(), failed.err());
        assertTrue(failed.err().equals("jbuild-sandbox: bind " + missing + "/merged: No such file or directory\n")
                || failed.err().startsWith("jbuild-sandbox: cannot make the container's namespaces: "), failed.err());
    }

    @Test
    void aParentThatIsAlreadyGoneEndsItBeforeTheCommandRuns() throws Exception {
        // What a jbuild killed before the program set its parent-death signal leaves: another parent than the one named.
        Path marker = tmp.resolve("ran");
        for (String isolation : List.of("namespaces", "chroot")) {
            Outcome orphan = run(java.util.Map.of("JBUILD_SANDBOX_PARENT", "999999999"), isolation, "/", tmp.toString(), "box",
                    "host", "/", "keep", "default", "0", "/bin/touch", marker.toString());
            assertEquals(125, orphan.code(), isolation + ": " + orphan.err());
            assertTrue(java.nio.file.Files.notExists(marker), isolation);
        }
    }
}
