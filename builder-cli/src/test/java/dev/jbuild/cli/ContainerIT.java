package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jbuild run and the container life cycle through the real launcher, in real namespaces over a real
 * overlay: as the unprivileged CI user (subuid range) and again as root in CI's root phase.
 */
class ContainerIT {
    @TempDir
    Path store;
    @TempDir
    Path work;

    private Result jbuild(byte[] stdin, String... args) throws Exception {
        return JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), stdin, JbuildProcess.PROJECT, args);
    }

    private Result jbuild(String... args) throws Exception {
        return jbuild(null, args);
    }

    private Result ok(String... args) throws Exception {
        Result r = jbuild(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @BeforeEach
    void importBusybox() throws Exception {
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
    }

    /** Files of other container users belong to subordinate ids: only jbuild's namespace can delete them. */
    @AfterEach
    void removeStoreInsideTheNamespace() throws Exception {
        ok("unshare", "rm", "-rf", store.toString(), work.toString());
    }

    @Test
    void runPassesOutputAndExitCodesAsDockerDoes() throws Exception {
        assertEquals("hello\n", ok("run", "--rm", "busybox", "echo", "hello").out());
        assertEquals(7, jbuild("run", "--rm", "busybox", "sh", "-c", "exit 7").exitCode());

        Result notFound = jbuild("run", "--rm", "busybox", "no-such-command");
        assertEquals(127, notFound.exitCode(), notFound::toString);
        assertEquals("jbuild: run: exec: \"no-such-command\": executable file not found in $PATH\n", notFound.err());
        Result notExecutable = jbuild("run", "--rm", "busybox", "/etc/passwd");
        assertEquals(126, notExecutable.exitCode(), notExecutable::toString);
        Result badUser = jbuild("run", "--rm", "-u", "nosuchuser", "busybox", "id");
        assertEquals(125, badUser.exitCode(), badUser::toString);
        assertEquals("jbuild: run: unable to find user nosuchuser: no matching entries in passwd file\n", badUser.err());
        Result missing = jbuild("run", "--rm", "127.0.0.1:1/nothing:here", "true");
        assertEquals(125, missing.exitCode(), missing::toString);
        assertTrue(missing.err().startsWith("Unable to find image '127.0.0.1:1/nothing:here' locally\n"), missing.err());
        assertTrue(missing.err().endsWith("\njbuild: run: 127.0.0.1:1: cannot connect: connection refused (nothing listens there)\n"), missing.err());
        assertEquals("", ok("ps", "-aq").out(), "--rm removed every container, failed ones too");
    }

    @Test
    void theContainerSeesItsOwnWorld() throws Exception {
        String out = ok("run", "--rm", "--network", "host", "--hostname", "box", "-e", "GREETING=hi", "-w", "/tmp/work", "-u", "nobody", "busybox",
                "sh", "-c", "echo pid=$$; hostname; id -u; pwd; echo $GREETING $HOME; ps -o pid | wc -l; cat /etc/hosts | grep box;"
                        + " ls /dev | tr '\\n' ' '").out();
        List<String> lines = out.lines().toList();
        assertEquals("pid=1", lines.get(0), "the command is PID 1 of its own PID namespace");
        assertEquals("box", lines.get(1));
        assertEquals("65534", lines.get(2));
        assertEquals("/tmp/work", lines.get(3), "a missing working directory is created");
        assertEquals("hi /nonexistent", lines.get(4), "HOME from /etc/passwd");
        assertEquals("4", lines.get(5), "ps sees its header, sh, ps and wc: no host process");
        assertEquals("127.0.1.1\tbox", lines.get(6), "on the host's network (PrivateNetworkIT has the private one's)");
        for (String dev : List.of("null", "zero", "full", "random", "urandom", "tty", "pts", "shm")) {
            assertTrue(lines.get(7).contains(dev + " "), lines.get(7));
        }
    }

    @Test
    void networkNoneLeavesOnlyALoopbackThatIsUp() throws Exception {
        Result r = jbuild("run", "--rm", "--network", "none", "busybox", "sh", "-c", "ip -o link | wc -l; ip -o link");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals("1", lines.get(0).trim(), r.out());
        assertTrue(lines.get(1).contains(": lo: <LOOPBACK,UP"), r.out());
    }

    @Test
    void initRunsTheCommandUnderTini() throws Exception {
        String out = ok("run", "--rm", "--init", "busybox", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo; echo $$").out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("/dev/init -- "), out);
        assertFalse(lines.get(1).equals("1"), "the command is not PID 1 under --init");
    }

    @Test
    void nothingIsWrittenOutsideTheRootAndVolumesObeyRo() throws Exception {
        String marker = "jbuild-" + UUID.randomUUID();
        Path shared = Files.createDirectory(work.resolve("shared"));
        Path readOnly = Files.createDirectory(work.resolve("ro"));
        Result r = jbuild("run", "--rm", "-v", shared + ":/data", "-v", readOnly + ":/ro:ro", "busybox", "sh", "-c",
                "touch /" + marker + " /tmp/" + marker + " && echo written > /data/out && touch /ro/x 2>/dev/null; echo ro=$?");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("ro=1\n", r.out());
        assertFalse(Files.exists(Path.of("/" + marker)));
        assertFalse(Files.exists(Path.of("/tmp/" + marker)));
        assertEquals("written\n", Files.readString(shared.resolve("out")));
        try (var files = Files.list(readOnly)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void ttyGivesAPseudoTerminal() throws Exception {
        Result r = jbuild("run", "--rm", "-t", "busybox", "sh", "-c", "[ -t 0 ] && [ -t 1 ] && echo tty; echo $TERM; exit 5");
        assertEquals(5, r.exitCode(), r::toString);
        assertEquals("tty\r\nxterm\r\n", r.out(), "a terminal's line discipline ends lines with CR LF");
        assertEquals("notty\n", ok("run", "--rm", "busybox", "sh", "-c", "[ -t 1 ] || echo notty").out());
        ok("run", "-d", "--name", "ttyexec", "busybox", "sleep", "30");
        assertEquals("tty\r\n", ok("exec", "-t", "ttyexec", "sh", "-c", "[ -t 1 ] && echo tty").out());
        ok("rm", "-f", "ttyexec");
    }

    @Test
    void logsHoldTheOutputOfAttachedRunsToo() throws Exception {
        Result r = jbuild("run", "--name", "attached", "busybox", "sh", "-c", "echo to-out; echo to-err >&2");
        assertEquals("to-out\n", r.out());
        assertEquals("to-err\n", r.err());
        String logs = ok("logs", "attached").out();
        assertTrue(logs.contains("to-out\n") && logs.contains("to-err\n"), logs);
    }

    @Test
    void seedStoryFilesSurviveStartAndCommit() throws Exception {
        Result first = jbuild("echo hello docker > /message.txt\nrm /etc/group\nexit\n".getBytes(StandardCharsets.UTF_8),
                "run", "-i", "--name", "seed", "busybox", "sh");
        assertEquals(0, first.exitCode(), first::toString);
        List<String> ps = ok("ps", "-a").out().lines().toList();
        assertTrue(ps.get(0).matches("CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES"), ps.get(0));
        assertTrue(ps.get(1).matches("[0-9a-f]{12} +busybox +\"sh\" +.* ago +Exited \\(0\\) .* ago +seed"), ps.get(1));
        assertEquals("", ok("ps").out().lines().skip(1).reduce("", String::concat), "not running");

        Result again = jbuild("cat /message.txt\n".getBytes(StandardCharsets.UTF_8), "start", "-ai", "seed");
        assertEquals("hello docker\n", again.out(), again::toString);
        assertEquals("C /etc\nD /etc/group\nA /message.txt\n", ok("diff", "seed").out());

        String id = ok("commit", "-a", "Ada", "-m", "says hello", "-c", "CMD [\"cat\", \"/message.txt\"]", "seed", "hello:1").out().trim();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
        assertEquals("hello docker\n", ok("run", "--rm", "hello:1").out());
        assertEquals("1\n", ok("run", "--rm", "hello:1", "sh", "-c", "ls /etc/group 2>/dev/null; echo $?").out(),
                "the deletion was committed as a whiteout");
        List<String> history = ok("history", "hello:1").out().lines().toList();
        assertTrue(history.get(1).matches(id.substring(7, 19) + " +.* ago +sh +\\d+B +says hello"), history.get(1));

        Result refused = jbuild("rmi", "busybox");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("a container is using image"), refused.err());
        assertEquals("seed\n", ok("rm", "seed").out());
        assertEquals("Untagged: busybox:latest\n", ok("rmi", "busybox").out().lines().findFirst().orElseThrow() + "\n");
        assertEquals("hello docker\n", ok("run", "--rm", "hello:1").out(), "the committed image keeps its base layers");
    }

    @Test
    void detachedContainersLogExecAndStop() throws Exception {
        String id = ok("run", "-d", "--name", "bg", "busybox", "sh", "-c",
                "echo started; trap 'echo bye; exit 3' TERM; while true; do sleep 0.1; done").out().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(ok("ps").out().contains(" Up "), "running");
        String exec = ok("exec", "bg", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo; ps -o pid | wc -l").out();
        assertTrue(exec.startsWith("/bin/sh -c echo started"), exec);
        Result byPrefix = jbuild("exec", id.substring(0, 6), "true");
        assertEquals(0, byPrefix.exitCode(), byPrefix::toString);

        assertEquals("bg\n", ok("stop", "-t", "5", "bg").out());
        assertEquals("started\nbye\n", ok("logs", "bg").out());
        assertTrue(ok("ps", "-a").out().contains("Exited (3)"));
        Result notRunning = jbuild("exec", "bg", "true");
        assertEquals(1, notRunning.exitCode());
        assertEquals("jbuild: exec: container bg is not running\n", notRunning.err());

        ok("start", "bg");
        Result busy = jbuild("rm", "bg");
        assertEquals(1, busy.exitCode());
        assertTrue(busy.err().contains("container is running: stop the container before removing or force remove (-f)"), busy.err());
        assertEquals("bg\n", ok("rm", "-f", "bg").out());
        assertEquals("jbuild: rm: No such container: bg\n", jbuild("rm", "bg").err());

        ok("run", "-d", "--rm", "--name", "gone", "busybox", "true");
        for (int i = 0; i < 100 && !ok("ps", "-aq").out().isEmpty(); i++) {
            Thread.sleep(200);
        }
        assertEquals("", ok("ps", "-aq").out(), "a detached --rm container removes itself when it exits");
    }

    @Test
    void ownersSetInsideAreKeptByCommit() throws Exception {
        Result r = jbuild(("echo app:x:1000:1000::/home/app:/bin/sh >> /etc/passwd; mkdir -p /home/app; chown 1000:1000 /home/app;"
                + " su app -c 'echo mine > /home/app/notes'\n").getBytes(StandardCharsets.UTF_8), "run", "-i", "--name", "own", "busybox", "sh");
        assertEquals(0, r.exitCode(), r::toString);
        ok("commit", "own", "owned:1");
        String listing = ok("run", "--rm", "owned:1", "ls", "-ln", "/home/app").out();
        assertTrue(listing.lines().anyMatch(l -> l.matches("-rw-r--r-- +1 1000 +1000 .* notes")), listing);
        // Other tools see the owner too: skopeo copies the image out of the store, GNU tar lists the layer.
        Fixtures.requireTool("skopeo");
        Path dir = work.resolve("copy");
        JbuildProcess.Result copied = Fixtures.skopeo("copy", "oci:" + store + ":docker.io/library/owned:1", "dir:" + dir);
        assertEquals(0, copied.exitCode(), copied::toString);
        var layers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("layers");
        String last = layers.get(layers.size() - 1).get("digest").asText().substring("sha256:".length());
        String tar = Fixtures.exec("tar", "-tvzf", dir.resolve(last).toString()).out();
        assertTrue(tar.lines().anyMatch(l -> l.startsWith("-rw-r--r-- 1000/1000") && l.endsWith("home/app/notes")), tar);
    }

    @Test
    void diskUsageCountsContainersAndSystemPruneRemovesStoppedOnes() throws Exception {
        ok("run", "--name", "left", "busybox", "sh", "-c", "head -c 100000 /dev/zero > /blob");
        String df = ok("system", "df").out();
        assertTrue(df.lines().anyMatch(l -> l.matches("Images +1 +1 +\\S+ +0B \\(0%\\)")), "the image is in use: " + df);
        assertTrue(df.lines().anyMatch(l -> l.matches("Containers +1 +0 +100kB +100kB \\(100%\\)")), df);
        assertTrue(df.lines().anyMatch(l -> l.matches("Local Layers +1 +1 +.*")), df);
        String pruned = ok("system", "prune", "-f").out();
        String id = ok("ps", "-aq", "--no-trunc").out();
        assertEquals("", id, "the stopped container is gone");
        assertTrue(pruned.startsWith("Deleted Containers:\n"), pruned);
    }

    /**
     * A root that is never mounted again (a step's, a --rm container's) is mounted volatile: its end does not
     * sync the whole disk. A named container's, started again later, is not.
     */
    @Test
    void onlyRootsThatAreThrownAwayAreMountedVolatile() throws Exception {
        String volatileRoots = "grep ' - overlay ' /proc/self/mountinfo | grep -c volatile; true";
        assertEquals("1\n", ok("run", "--rm", "busybox", "sh", "-c", volatileRoots).out());
        assertEquals("0\n", ok("run", "--name", "kept", "busybox", "sh", "-c", volatileRoots).out());
        Path ctx = Files.createDirectories(work.resolve("volatile"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN " + volatileRoots.replace("; true", " > /step; true") + "\n");
        ok("build", "-q", "-t", "steps:1", ctx.toString());
        assertEquals("1\n", ok("run", "--rm", "steps:1", "cat", "/step").out());
    }

    @Test
    void imagesWithMoreThanAHundredLayersRun() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("layers"));
        StringBuilder dockerfile = new StringBuilder("FROM busybox\n");
        for (int i = 0; i < 130; i++) {
            Files.writeString(ctx.resolve("f" + i), i + "\n");
            dockerfile.append("COPY f").append(i).append(" /layers/\n");
        }
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile.toString());
        ok("build", "-q", "-t", "many:1", ctx.toString());
        assertEquals(131, new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok("inspect", "many:1").out()).get(0)
                .get("RootFS").get("Layers").size(), "busybox's layer and 130 more");
        assertEquals("130\n129\n", ok("run", "--rm", "many:1", "sh", "-c", "ls /layers | wc -l; cat /layers/f129").out(),
                "131 lower dirs stacked in one overlay mount");
    }

    @Test
    void withoutASubuidRangeAnotherUidIsRefusedWithTheFix() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "as root every uid is mapped; this is the unprivileged single-uid case");
        Map<String, String> env = new HashMap<>(Map.of("JBUILD_ROOT", store.toString(), "JBUILD_SUBUID_FILE", "/dev/null"));
        Result r = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "run", "--rm", "-u", "1000", "busybox", "id");
        assertEquals(125, r.exitCode(), r::toString);
        assertTrue(r.err().contains("only uid 0 is mapped") && r.err().contains("usermod --add-subuids"), r.err());
        String id = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "run", "--rm", "busybox", "id").out();
        assertTrue(id.startsWith("uid=0(root) gid=0(root)"), id);
    }
}
