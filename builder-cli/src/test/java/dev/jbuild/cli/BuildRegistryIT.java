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

    /** busybox imported into {@code store} and pushed to the registry as {@code name}; its reference. */
    private String pushedBase(Path store, String name) throws Exception {
        ok(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        String base = REGISTRY.host() + "/" + name;
        ok(store, "push", "busybox", base);
        return base;
    }

    @Test
    void aRunnerThatStartsEmptyReusesTheRegistryCacheAndGetsTheSameImage() throws Exception {
        Path first = work.resolve("first");
        String base = pushedBase(first, "base/busybox:1");
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
    /**
     * build --push sends a layer while later steps still run: the last step waits (on the host's network)
     * until the registry has the COPY layer's blob in the image's repository, which only a push ahead of
     * the build's end can have put there; without it the step gives up after 30 s and the build fails.
     */
    @Test
    void buildPushSendsALayerWhileLaterStepsRun() throws Exception {
        Path first = work.resolve("first");
        String base = pushedBase(first, "base/ahead:1");
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        byte[] payload = new byte[3 << 20];
        new java.util.Random(3).nextBytes(payload);
        Files.write(ctx.resolve("payload"), payload);
        Files.writeString(ctx.resolve("Dockerfile"), "ARG BASE\nFROM $BASE\nCOPY payload /payload\nARG WAIT_FOR\n"
                + "RUN for i in $(seq 300); do wget -q -O /dev/null \"$WAIT_FOR\" && exit 0; sleep 0.1; done;"
                + " echo the layer never reached the registry; exit 1\n");
        // The COPY layer's compressed digest, from a build that waits for nothing.
        ok(first, "build", "--network", "host", "--build-arg", "BASE=" + base, "--build-arg", "WAIT_FOR=http://" + REGISTRY.host() + "/v2/",
                "--push", "-t", REGISTRY.host() + "/ahead/known:1", ctx.toString());
        Fixtures.requireTool("skopeo");
        Result raw = Fixtures.skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + REGISTRY.host() + "/ahead/known:1");
        assertEquals(0, raw.exitCode(), raw::toString);
        String layer = dev.jbuild.store.oci.Json.mapper().readTree(raw.out()).path("layers").get(1).path("digest").asText();

        Path fresh = work.resolve("fresh"); // knows no repository that has the layer: it must be uploaded
        Result built = ok(fresh, "build", "--network", "host", "--build-arg", "BASE=" + base, "--build-arg",
                "WAIT_FOR=http://" + REGISTRY.host() + "/v2/ahead/app/blobs/" + layer, "--push", "-t", REGISTRY.host() + "/ahead/app:1",
                ctx.toString());
        assertFalse(built.out().lines().anyMatch("the layer never reached the registry"::equals), built.out());
        assertTrue(built.out().lines().anyMatch((layer.substring(7, 19) + ": Pushed")::equals), "told as pushed: " + built.out());
        assertEquals(1, REGISTRY.countRequests("PUT", "/v2/ahead/app/blobs/uploads/", layer.substring(7)), "sent once, not again at the end");
        assertEquals(0, REGISTRY.countRequests("HEAD", "/v2/ahead/app/blobs/" + layer), "the push at the end knew it was there");
        String config = dev.jbuild.store.oci.Json.mapper().readTree(Fixtures.skopeo("inspect", "--tls-verify=false", "--raw",
                "docker://" + REGISTRY.host() + "/ahead/app:1").out()).path("config").path("digest").asText();
        assertTrue(built.out().lines().anyMatch((config.substring(7, 19) + ": Pushed")::equals), "the config sent ahead, told as pushed: "
                + built.out());
        assertEquals(0, REGISTRY.countRequests("HEAD", "/v2/ahead/app/manifests/1"),
                "a config new to the repository (sent ahead) is named by no manifest there: nothing to ask");
        Result app = Fixtures.skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + REGISTRY.host() + "/ahead/app:1");
        assertTrue(app.out().contains(layer), "the pushed image names it: " + app.out());
        ok(fresh, "unshare", "rm", "-rf", fresh.toString(), first.toString());
    }
}
