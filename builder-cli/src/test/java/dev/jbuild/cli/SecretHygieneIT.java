package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret around a build: a build arg named like one is warned of by --check and kept only
 * as a digest where jbuild remembers a step's inputs; --explain-cache does not print it; a --mount
 * option jbuild does not carry out is refused by name; under chroot isolation a secret is read-only.
 */
class SecretHygieneIT extends BusyboxStoreTest {
    private static final String VALUE = "npm-token-value-0451";

    @Test
    void aSecretNamedBuildArgIsWarnedOfAndNeverKeptOrPrintedInClear() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nARG NPM_TOKEN\nRUN echo installing\n");
        Result check = JbuildProcess.inStore(store, "build", "--check", ctx.toString());
        assertTrue(check.out().contains("Dockerfile:2: warning: SecretsUsedInArgOrEnv: do not use ARG or ENV for sensitive data"
                + " (ARG \"NPM_TOKEN\")"), check::toString);
        JbuildProcess.okInStore(store, "build", "-q", "--build-arg", "NPM_TOKEN=" + VALUE, ctx.toString());
        Result again = JbuildProcess.okInStore(store, "build", "--progress", "plain", "--explain-cache", "--build-arg",
                "NPM_TOKEN=" + VALUE + "-2", ctx.toString());
        assertTrue(again.out().contains("build arg NPM_TOKEN changed"), again::toString);
        assertFalse((again.out() + again.err()).contains(VALUE), again::toString);
        try (Stream<Path> inputs = Files.list(store.resolve("cache-inputs"))) {
            for (Path p : (Iterable<Path>) inputs::iterator) {
                assertFalse(Files.readString(p).contains(VALUE), "kept in clear in " + p);
            }
        }
    }

    @Test
    void aMountOptionJbuildDoesNotCarryOutIsRefusedByName() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN --mount=type=secret,id=tok,uid=1000 true\n");
        Path secret = Files.writeString(work.resolve("tok"), "x");
        Result r = JbuildProcess.inStore(store, "build", "--secret", "id=tok,src=" + secret, ctx.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Dockerfile:2:") && r.err().contains("option uid is not supported for type=secret"), r::toString);
    }

    /** buildx's secrets from the environment: as a variable of one step, or as its file; nowhere else. */
    @Test
    void secretsFromTheEnvironmentReachTheStepAndNothingElse() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN --mount=type=secret,id=tok,env=TOKEN sh -c 'echo ${#TOKEN} > /len; ls /run/secrets 2>/dev/null | wc -l > /files'\n"
                + "RUN --mount=type=secret,id=API_TOKEN wc -c < /run/secrets/API_TOKEN > /len2\n"
                + "RUN --mount=type=secret,id=absent,env=ABSENT sh -c 'echo ${ABSENT:-unset} > /absent'\n");
        Map<String, String> env = Map.of("JBUILD_ROOT", store.toString(), "MY_TOKEN", VALUE, "API_TOKEN", VALUE + "-api");
        Result build = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "build", "--progress", "plain", "-t", "with-secrets",
                "--secret", "id=tok,env=MY_TOKEN", "--secret", "id=API_TOKEN", ctx.toString());
        assertEquals(0, build.exitCode(), build::toString);
        assertEquals("20\n0\n24\nunset\n", JbuildProcess.okInStore(store, "run", "--rm", "with-secrets", "cat", "/len", "/files", "/len2",
                "/absent").out(), "the variable only (no file without a target), the file, and a secret not given is skipped");
        Path saved = work.resolve("image.tar");
        JbuildProcess.okInStore(store, "save", "-o", saved.toString(), "with-secrets");
        String everything = build.out() + build.err() + JbuildProcess.okInStore(store, "inspect", "with-secrets").out()
                + JbuildProcess.okInStore(store, "history", "--no-trunc", "with-secrets").out()
                + new String(Files.readAllBytes(saved), java.nio.charset.StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.walk(store)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && Files.isReadable(p) && Files.size(p) < (1 << 20)) {
                    everything += new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                }
            }
        }
        assertFalse(everything.contains(VALUE), "a secret's value is in the output, the image, its history or the store");
        Result missing = JbuildProcess.inStore(store, "build", "--secret", "id=NOT_SET_ANYWHERE", ctx.toString());
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("jbuild: build: --secret id=NOT_SET_ANYWHERE: the environment variable NOT_SET_ANYWHERE is not set\n", missing.err());
    }

    @Test
    void underChrootIsolationASecretIsReadOnly() throws Exception {
        Fixtures.requireTool("capsh");
        Path pod = Files.createDirectories(work.resolve("pod"));
        Result imported = LockedDown.jbuild(pod, Map.of(), null, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        assertEquals(0, imported.exitCode(), imported::toString);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nUSER nobody\n"
                + "RUN --mount=type=secret,id=tok,target=/tmp/tok sh -c 'cat /tmp/tok; echo changed >> /tmp/tok || echo read-only'\n");
        Path secret = Files.writeString(work.resolve("tok"), "pod-secret\n");
        Result r = LockedDown.jbuild(pod, Map.of(), null, "build", "--progress", "plain", "--secret", "id=tok,src=" + secret,
                ctx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("pod-secret\n") && r.out().contains("read-only\n"), r::toString);
        assertEquals("pod-secret\n", Files.readString(secret));
    }
}
