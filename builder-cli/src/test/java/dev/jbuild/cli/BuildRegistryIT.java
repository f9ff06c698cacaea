package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Builds whose base, result and cache live in a real registry (Debian's docker-registry on loopback). */
class BuildRegistryIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @TempDir
    Path work;

    private Result in(Path store, String... args) throws Exception {
        return JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString(), "SOURCE_DATE_EPOCH", "1700000000"), null,
                JbuildProcess.PROJECT, args);
    }

    private Result ok(Path store, String... args) throws Exception {
        Result r = in(store, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static String last(Result r) {
        return r.out().lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void aRunnerThatStartsEmptyReusesTheRegistryCacheAndGetsTheSameImage() throws Exception {
        Path first = work.resolve("first");
        ok(first, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        String base = REGISTRY.host() + "/base/busybox:1";
        ok(first, "push", "busybox", base);
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "ARG BASE\nFROM $BASE\nRUN echo ran-the-step && echo done > /done\nCOPY Dockerfile /\n");
        String cache = REGISTRY.host() + "/ci/cache";
        String app = REGISTRY.host() + "/ci/app:1";
        Result built = ok(first, "build", "--build-arg", "BASE=" + base, "--cache-to", cache, "--push", "-t", app,
                "--output", "type=oci,dest=" + work.resolve("app.oci.tar"), ctx.toString());
        String id = last(built);
        assertTrue(Files.size(work.resolve("app.oci.tar")) > 0, "--output wrote the archive");
        Fixtures.requireTool("skopeo");
        Result inspect = Fixtures.skopeo("inspect", "--tls-verify=false", "docker://" + app);
        assertEquals(0, inspect.exitCode(), inspect::toString);
        assertTrue(inspect.out().contains("\"Layers\""), "--push put the image in the registry: " + inspect.out());
        assertEquals(0, Fixtures.skopeo("inspect", "oci-archive:" + work.resolve("app.oci.tar")).exitCode(),
                "skopeo reads the --output archive");

        Path empty = work.resolve("empty"); // a fresh CI runner: nothing local, not even the base image
        Result again = ok(empty, "build", "--build-arg", "BASE=" + base, "--cache-from", cache, "-t", "app:1", ctx.toString());
        assertTrue(built.out().lines().anyMatch("ran-the-step"::equals), built.out());
        assertFalse(again.out().lines().anyMatch("ran-the-step"::equals), "no RUN executed: " + again.out());
        assertEquals(2, again.out().lines().filter("--> CACHED"::equals).count(), "RUN and COPY: " + again.out());
        assertEquals(id, last(again), "the same image digest");
        ok(empty, "unshare", "rm", "-rf", empty.toString(), first.toString());
    }
}
