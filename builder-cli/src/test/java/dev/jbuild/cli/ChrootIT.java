package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * jbuild where Kaniko was: in a CI pod without privileges (see {@link LockedDown}), where it picks
 * chroot isolation by itself. Its images are the rootless build's, byte for byte; around the build,
 * login, push, pull, the registry cache, outputs, images and inspect work there too.
 */
class ChrootIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer().withBasicAuth("ci", "pod-secret");
    static final Map<String, String> EPOCH = Map.of("SOURCE_DATE_EPOCH", "1700000000");

    @TempDir
    Path work;
    private Path pod;

    @BeforeEach
    void pod() throws Exception {
        Fixtures.requireTool("capsh");
        pod = Files.createDirectories(work.resolve("pod-home"));
        ok(pod, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
    }

    private static Result ok(Path home, String... args) throws Exception {
        return ok(home, null, args);
    }

    private static Result ok(Path home, byte[] stdin, String... args) throws Exception {
        Result r = LockedDown.jbuild(home, EPOCH, stdin, args);
        assertEquals(0, r.exitCode(), () -> "jbuild " + String.join(" ", args) + " in the pod:\n" + r);
        return r;
    }

    private static String lastLine(Result r) {
        return r.out().lines().reduce((a, b) -> b).orElse("");
    }

    /** The same build rootless, as this user, in a store of its own. */
    private String rootlessId(String context, String... extra) throws Exception {
        Path store = work.resolve("rootless");
        Map<String, String> env = Map.of("JBUILD_ROOT", store.toString(), "SOURCE_DATE_EPOCH", "1700000000");
        JbuildProcess.run(env, null, JbuildProcess.PROJECT, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        String[] args = new String[extra.length + 3];
        args[0] = "build";
        args[1] = "-q";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = context;
        Result r = JbuildProcess.run(env, null, JbuildProcess.PROJECT, args);
        assertEquals(0, r.exitCode(), r::toString);
        return lastLine(r);
    }

    @Test
    void theSampleBuildsInThePodAsTheSameImageAndTravelsThroughARegistry() throws Exception {
        Result info = ok(pod, "info");
        assertTrue(info.out().lines().anyMatch(l -> l.matches("Isolation: +chroot: .*")), info.out());
        String id = lastLine(ok(pod, "build", "-q", "-t", "sample:1", "testdata/sample"));
        assertEquals(rootlessId("testdata/sample"), id, "chroot and rootless isolation give one image");
        assertEquals("hello from jbuild\n", ok(pod, "run", "--rm", "sample:1").out());

        // Credentials in the pod's ~/.docker/config.json, as `jbuild login` (or a CI secret) puts them.
        String registry = REGISTRY.host();
        ok(pod, "pod-secret".getBytes(StandardCharsets.UTF_8), "login", "-u", "ci", "--password-stdin", registry);
        assertTrue(Files.exists(pod.resolve(".docker/config.json")));
        ok(pod, "push", "sample:1", registry + "/pod/sample:1");
        ok(pod, "build", "-q", "--cache-to", registry + "/pod/cache", "-t", "sample:2", "testdata/sample");

        // Another pod, empty: pulls with the credentials, takes every step from the registry cache.
        Path next = Files.createDirectories(work.resolve("next-pod"));
        Files.createDirectories(next.resolve(".docker"));
        Files.copy(pod.resolve(".docker/config.json"), next.resolve(".docker/config.json"));
        ok(next, "pull", registry + "/pod/sample:1");
        ok(next, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Result cached = ok(next, "build", "--progress", "plain", "--cache-from", registry + "/pod/cache", "-t", "again:1",
                "testdata/sample");
        java.util.List<String> lines = cached.out().lines().toList();
        int run = lines.indexOf(lines.stream().filter(l -> l.contains("RUN chmod +x hello.sh")).findFirst().orElseThrow());
        assertEquals("--> CACHED", lines.stream().skip(run).filter(l -> l.startsWith("-->")).findFirst().orElse(""),
                "the RUN step came from the registry cache: " + cached.out());
        assertEquals(id, lastLine(cached), "the registry cache gives the same image");
        assertTrue(ok(next, "images").out().contains(registry + "/pod/sample"));
        assertTrue(ok(next, "inspect", "again:1").out().contains("\"Id\": \"" + id + "\""));

        Path out = next.resolve("rootfs");
        ok(next, "build", "-q", "-o", "type=local,dest=" + out, "testdata/sample");
        assertEquals("hello from jbuild\n", Files.readString(out.resolve("greeting")));

        Result detached = LockedDown.jbuild(pod, EPOCH, null, "run", "-d", "sample:1");
        assertEquals(1, detached.exitCode(), detached::toString);
        assertEquals("jbuild: run: a detached container needs namespaces, which this host does not allow (chroot isolation):"
                + " run it in the foreground\n", detached.err());
    }

    @Test
    void aSecretNeverReachesALayerAndACacheMountPersistsAcrossBuilds() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN --mount=type=secret,id=tok wc -c < /run/secrets/tok > /secret-size\n"
                + "RUN --mount=type=cache,target=/cache sh -c 'echo x >> /cache/count; wc -l < /cache/count > /count'\n");
        Path secret = Files.writeString(work.resolve("tok"), "pod-token-value-4711\n");
        String first = lastLine(ok(pod, "build", "-q", "--secret", "id=tok,src=" + secret, "-t", "s:1", ctx.toString()));
        ok(pod, "build", "-q", "--no-cache", "--secret", "id=tok,src=" + secret, "-t", "s:2", ctx.toString());
        assertEquals("21\n2\n", ok(pod, "run", "--rm", "s:2", "cat", "/secret-size", "/count").out(),
                "the secret was there; the cache kept the first build's line");
        Path archive = pod.resolve("s.tar");
        ok(pod, "save", "-o", archive.toString(), "s:1", "s:2");
        String bytes = new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("pod-token-value"), "no layer holds the secret");
        assertEquals(rootlessId(ctx.toString(), "--secret", "id=tok,src=" + secret), first,
                "the rootless build's image: no mount point left behind either");
    }

    @Test
    void whatIsPutIntoAStepsRootStaysInsideItWhateverTheImageLinks() throws Exception {
        Path escape = Files.createDirectories(work.resolve("host-etc"));
        Path ctx = Files.createDirectories(work.resolve("evil"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN rm -rf /etc /dev && ln -s " + escape + " /etc && ln -s " + escape + " /dev\n"
                + "RUN --mount=type=secret,id=tok,target=/etc/tok echo ran > /ran\n");
        Path secret = Files.writeString(work.resolve("tok"), "x\n");
        ok(pod, "build", "-q", "--secret", "id=tok,src=" + secret, "-t", "evil:1", ctx.toString());
        try (var written = Files.list(escape)) {
            assertEquals(java.util.List.of(), written.toList(), "the image's absolute links led nothing out of its root");
        }
    }

    /**
     * No mount in the pod, yet a step has /proc (its own processes alone), /sys and /dev's usual nodes, as
     * rootless (ps's lines sorted: /proc lists its processes in no set order there); nothing of them, nor of what answers for them, reaches the layer: the rootless image, byte for byte.
     */
    @Test
    void aStepSeesTheKernelsFilesAndNoneOfThemReachesALayer() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("kernel"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN grep ^Name: /proc/self/status > /status && ps -o comm > /tmp/ps && sort /tmp/ps > /ps && rm /tmp/ps && readlink /proc/self/exe > /exe\n"
                + "RUN ls /dev/null /dev/urandom /dev/zero > /devices && head -c 8 /dev/urandom | wc -c > /random"
                + " && ls /sys/kernel > /dev/null && ls /proc/self/fd > /dev/null && ls /proc | grep -c '^[0-9]' > /processes\n");
        String id = lastLine(ok(pod, "build", "-q", "-t", "kernel:1", ctx.toString()));
        assertEquals("Name:\tgrep\nCOMMAND\nps\nsh\n/bin/busybox\n/dev/null\n/dev/urandom\n/dev/zero\n8\n3\n",
                ok(pod, "run", "--rm", "kernel:1", "cat", "/status", "/ps", "/exe", "/devices", "/random", "/processes").out(),
                "the step's own process, its shell and ps alone, the image's busybox, the devices");
        assertEquals(rootlessId(ctx.toString()), id, "the rootless build's image: nothing of /proc, /sys or /dev in a layer");
    }
}
