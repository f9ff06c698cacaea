package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A built layer is stored once, as its tree, and compressed only on its way out: checked from the
 * store's files, from a real registry, and by skopeo and umoci reading what push and save wrote.
 */
class OneCopyIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @TempDir
    Path work;

    private Result ok(Path store, String... args) throws Exception {
        Result r = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString(), "SOURCE_DATE_EPOCH", "1700000000"), null,
                JbuildProcess.PROJECT, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private Path built(Path store) throws Exception {
        ok(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo built > /built && rm /etc/group\nCOPY note.txt /note.txt\n");
        Files.writeString(ctx.resolve("note.txt"), "note\n");
        ok(store, "build", "-q", "-t", "app:1", ctx.toString());
        return ctx;
    }

    /** The rootfs of an image that skopeo copied into an OCI layout, unpacked by umoci. */
    private Path unpacked(String source, String name) throws Exception {
        Result copy = Fixtures.skopeo("copy", "--src-tls-verify=false", source, "oci:" + work.resolve(name) + ":x");
        assertEquals(0, copy.exitCode(), copy::toString);
        Path bundle = work.resolve(name + "-bundle");
        Result unpack = Fixtures.exec("umoci", "unpack", "--rootless", "--image", work.resolve(name) + ":x", bundle.toString());
        assertEquals(0, unpack.exitCode(), unpack::toString);
        return bundle.resolve("rootfs");
    }

    @Test
    void builtLayersAreTreesOnlyAndLeaveCompressedOnceReproduciblyReadByOtherTools() throws Exception {
        Fixtures.requireTool("skopeo");
        Fixtures.requireTool("umoci");
        Path store = work.resolve("store");
        built(store);
        String id = ok(store, "images", "-q", "--no-trunc", "app:1").out().trim();
        JsonNode layers = new ObjectMapper().readTree(Files.readString(store.resolve("blobs/sha256")
                .resolve(manifestDigest(store).substring(7)))).get("layers");
        assertEquals(3, layers.size(), layers.toString());
        for (int i = 1; i < 3; i++) {
            JsonNode layer = layers.get(i);
            assertEquals("application/vnd.oci.image.layer.v1.tar", layer.get("mediaType").asText(), "built layers are plain tars");
            assertFalse(Files.exists(store.resolve("blobs/sha256").resolve(layer.get("digest").asText().substring(7))),
                    "no blob for a built layer: its tree is the one copy");
        }
        try (var trees = Files.list(store.resolve("layers"))) {
            assertEquals(3, trees.count(), "one tree per layer");
        }

        String app = REGISTRY.host() + "/one/app:1";
        ok(store, "push", "app:1", app);
        Path rootfs = unpacked("docker://" + app, "pushed");
        assertEquals("built\n", Files.readString(rootfs.resolve("built")));
        assertEquals("note\n", Files.readString(rootfs.resolve("note.txt")));
        assertFalse(Files.exists(rootfs.resolve("etc/group")), "the whiteout survived compression");
        String pushed = Fixtures.skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + app).out();
        assertTrue(pushed.contains("application/vnd.oci.image.layer.v1.tar+gzip") && !pushed.contains("v1.tar\""),
                "the registry holds gzip layers: " + pushed);

        long uploads = REGISTRY.countRequests("PUT", "/v2/one/app/blobs/uploads/");
        Result again = ok(store, "push", "app:1", app);
        assertEquals(uploads, REGISTRY.countRequests("PUT", "/v2/one/app/blobs/uploads/"), "nothing uploaded again");
        assertEquals(4, again.out().lines().filter(l -> l.endsWith(": Layer already exists")).count(), again.out());
        try (var tmp = Files.list(store.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "the compressed blobs were not kept");
        }

        // Another store builds the same bytes: the pushed manifest has the same digest (SOURCE_DATE_EPOCH).
        Path other = work.resolve("other");
        built(other);
        String digest = last(ok(store, "push", "app:1", REGISTRY.host() + "/one/first:1"));
        assertEquals(digest, last(ok(other, "push", "app:1", REGISTRY.host() + "/one/second:1")));
        assertEquals(id, ok(other, "images", "-q", "--no-trunc", "app:1").out().trim(), "the same image ID");

        Path archive = work.resolve("app.tar");
        ok(store, "save", "-o", archive.toString(), "app:1");
        assertEquals("built\n", Files.readString(unpacked("docker-archive:" + archive, "saved").resolve("built")));
        ok(store, "unshare", "rm", "-rf", store.toString(), other.toString());
    }

    private static String last(Result r) {
        String line = r.out().lines().reduce((a, b) -> b).orElse("");
        return line.substring(line.indexOf("digest: ") + 8, line.indexOf(" size:"));
    }

    private static String manifestDigest(Path store) throws Exception {
        for (JsonNode entry : new ObjectMapper().readTree(store.resolve("index.json").toFile()).get("manifests")) {
            if (entry.path("annotations").path("org.opencontainers.image.ref.name").asText().endsWith("app:1")) {
                return entry.get("digest").asText();
            }
        }
        throw new AssertionError("app:1 is not in index.json");
    }
}
