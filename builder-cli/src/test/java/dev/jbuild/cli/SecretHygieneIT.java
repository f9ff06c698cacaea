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
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN --mount=type=secret,id=tok,env=TOKEN true\n");
        Path secret = Files.writeString(work.resolve("tok"), "x");
        Result r = JbuildProcess.inStore(store, "build", "--secret", "id=tok,src=" + secret, ctx.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Dockerfile:2:") && r.err().contains("option env is not supported for type=secret"), r::toString);
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
