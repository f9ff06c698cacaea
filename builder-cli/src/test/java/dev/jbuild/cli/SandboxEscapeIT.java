package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker's Dockerfile: testdata/escape/escape.c, built static, tries every known way out of the
 * root (a double chroot, `..`, /proc/PID/root, inherited descriptors, ptrace of jbuild and of the test's
 * JVM) as a RUN step and through `jbuild run`, in both isolations. Rootless as the test user, and as real
 * root in CI's second pass, where an escape would be the host's root. A file of the caller's outside the
 * root is neither read nor written.
 */
class SandboxEscapeIT {
    private static final String SECRET = "the-callers-registry-token-8152";

    @TempDir
    Path work;
    private Path hostFile;
    private Path context;

    @BeforeEach
    void attacker() throws Exception {
        Fixtures.requireTool("cc");
        hostFile = work.resolve("home/.docker/config.json");
        Files.createDirectories(hostFile.getParent());
        Files.writeString(hostFile, SECRET + "\n");
        context = Files.createDirectories(work.resolve("ctx"));
        Result cc = Fixtures.exec("cc", "-static", "-O2", "-o", context.resolve("escape").toString(),
                JbuildProcess.PROJECT.resolve("testdata/escape/escape.c").toString());
        assertEquals(0, cc.exitCode(), "the escape program builds (libc6-dev has the static libc): " + cc.out());
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY escape /escape\nRUN /escape " + hostFile
                + " " + ProcessHandle.current().pid() + "\n");
    }

    /** Every way was tried and each one was blocked; the caller's file is as it was and was printed nowhere. */
    private void heldAgainst(Result r) throws Exception {
        String all = r.out() + r.err();
        for (String way : List.of("descriptors", "double-chroot", "dot-dot", "proc-root", "proc-pid", "ptrace")) {
            assertTrue(all.contains(way + ": blocked"), way + " was tried and blocked:\n" + r);
        }
        assertFalse(all.contains("ESCAPED"), r::toString);
        assertFalse(all.contains(SECRET), r::toString);
        assertEquals(SECRET + "\n", Files.readString(hostFile), "the caller's file was not written");
    }

    @Test
    void rootlessIsolationHoldsForARunStepAndForRun() throws Exception {
        Path store = work.resolve("store");
        try {
            JbuildProcess.okInStore(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
            Result build = JbuildProcess.okInStore(store, "build", "--progress", "plain", "-t", "escape:1", context.toString());
            heldAgainst(build);
            heldAgainst(JbuildProcess.okInStore(store, "run", "--rm", "escape:1", "/escape", hostFile.toString(),
                    Long.toString(ProcessHandle.current().pid())));
            Result caps = JbuildProcess.okInStore(store, "run", "--rm", "escape:1", "sh", "-c",
                    "grep -E '^(CapBnd|CapEff|Seccomp):' /proc/self/status; echo 1 > /proc/sys/kernel/core_pattern || echo refused");
            assertEquals("CapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\nSeccomp:\t2\nrefused\n",
                    caps.out().replaceAll("(?m)^sh: .*\n", ""), "Docker's default capabilities and a seccomp filter; /proc/sys read-only");
            Result unconfined = JbuildProcess.okInStore(store, "run", "--rm", "--security-opt", "seccomp=unconfined", "escape:1",
                    "grep", "^Seccomp:", "/proc/self/status");
            assertEquals("Seccomp:\t0\n", unconfined.out());
        } finally {
            JbuildProcess.removeStore(store);
        }
    }

    /** Chroot isolation: the CI pod without privileges (as a user, or the host's root without CAP_SYS_ADMIN). */
    private Result chrooted(Path home, String... args) throws Exception {
        return LockedDown.jbuild(home, Map.of("ESCAPE_TEST_TOKEN", SECRET), null, args); // in jbuild's environment, which /proc would show
    }

    private Result chrootedOk(Path home, String... args) throws Exception {
        Result r = chrooted(home, args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + ":\n" + r);
        return r;
    }

    @Test
    void chrootIsolationHoldsForARunStepAndForRun() throws Exception {
        Fixtures.requireTool("capsh");
        Path pod = Files.createDirectories(work.resolve("pod"));
        chrootedOk(pod, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        heldAgainst(chrootedOk(pod, "build", "--progress", "plain", "-t", "escape:1", context.toString()));
        heldAgainst(chrootedOk(pod, "run", "--rm", "escape:1", "/escape", hostFile.toString(),
                Long.toString(ProcessHandle.current().pid())));
        Result caps = chrootedOk(pod, "run", "--rm", "escape:1", "sh", "-c", "chroot / true || echo no chroot; mknod /b b 8 0 || echo no disk");
        assertEquals("no chroot\nno disk\n", caps.out().replaceAll("(?m)^(chroot|mknod): .*\n", ""), caps::toString);
        Result kernel = chrootedOk(pod, "run", "--rm", "escape:1", "sh", "-c",
                "grep -c ^Pid: /proc/self/status; ls /dev/urandom; readlink /proc/self/exe; cat /proc/1/environ || echo no pid 1");
        assertEquals("1\n/dev/urandom\n/bin/busybox\nno pid 1\n", kernel.out(), "its /proc, its devices; no process but its own");
    }

    @Test
    void chrootIsolationKillsWhatAStepLeftRunningEvenInANewSession() throws Exception {
        Fixtures.requireTool("capsh");
        Path pod = Files.createDirectories(work.resolve("pod"));
        chrootedOk(pod, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Path ctx = Files.createDirectories(work.resolve("leftovers"));
        // The first step leaves a sleep in a session of its own (and one in its group) and notes the first's
        // pid in a cache mount; the next step, in the same jbuild (a pod's processes die with its PID 1), asks
        // whether it still runs. Without a PID namespace nothing else would take it down.
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN --mount=type=cache,target=/c setsid sh -c 'sleep 4711' >/dev/null 2>&1 </dev/null & echo $! > /c/pid;"
                + " (sh -c 'sleep 4712 &' &); echo started\n"
                + "RUN --mount=type=cache,target=/c if kill -0 $(cat /c/pid); then echo LEFTOVER-ALIVE; else echo leftovers-gone; fi\n");
        Result r = chrootedOk(pod, "build", "--progress", "plain", "-t", "left:1", ctx.toString());
        assertTrue(r.out().contains("started"), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("leftovers-gone") && !lines.contains("LEFTOVER-ALIVE"), r::toString);
        for (int i = 0; i < 50 && sleepers() > 0; i++) {
            Thread.sleep(100); // as root, outside any pod: a SIGKILLed process is gone once the sandbox reaped it
        }
        assertEquals(0, sleepers(), "no sleep outlived the build");
    }

    /**
     * The marked sleeps still running, read from /proc/PID/cmdline itself: ProcessHandle.Info knows no
     * command line of a process of another uid (the pod's root is a subordinate id).
     */
    private static long sleepers() throws java.io.IOException {
        long found = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8);
                    if (cmdline.matches("sleep\\x00471[12]\\x00?")) {
                        found++;
                    }
                } catch (java.io.IOException | SecurityException e) {
                    // not a process, or gone meanwhile
                }
            }
        }
        return found;
    }
}
