package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jbuild copy} between every pair of places (the store, a real registry, an OCI layout, an
 * oci-archive, a docker-archive), each result read by skopeo; what skopeo wrote read by jbuild.
 */
class CopyIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private Path store;
    private String id;

    private Result ok(String... args) throws Exception {
        Result r = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString(), "SOURCE_DATE_EPOCH", "1700000000"), null,
                JbuildProcess.PROJECT, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private Result fails(String... args) throws Exception {
        Result r = JbuildProcess.inStore(store, args);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        return r;
    }

    @BeforeEach
    void built() throws Exception {
        Fixtures.requireTool("skopeo");
        store = work.resolve("store");
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo built > /built\n");
        ok("build", "-q", "-t", "app:1", ctx.toString());
        id = ok("images", "-q", "--no-trunc", "app:1").out().trim();
    }

    /** skopeo's view of a place: the raw manifest. */
    private static JsonNode skopeoManifest(String place) throws Exception {
        Result r = Fixtures.skopeo("inspect", "--raw", "--tls-verify=false", place);
        assertEquals(0, r.exitCode(), r::toString);
        return JSON.readTree(r.out());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The places, each named fresh for {@code tag} (a pair of the matrix), in skopeo's syntax and jbuild's. */
    private Map<String, String> places(String tag) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("registry", "docker://" + REGISTRY.host() + "/copy/" + tag + ":1");
        p.put("oci", "oci:" + work.resolve("oci-" + tag) + ":" + tag);
        p.put("oci-archive", "oci-archive:" + work.resolve(tag + "-oci.tar") + ":" + tag);
        p.put("docker-archive", "docker-archive:" + work.resolve(tag + "-docker.tar") + ":copy/" + tag + ":1");
        return p;
    }

    @Test
    void everyPairOfPlacesCarriesTheImageAsSkopeoReadsIt() throws Exception {
        // From the store to every place; each read back by skopeo: the same config, so the same image ID.
        Map<String, String> first = places("first");
        for (String place : first.values()) {
            Result r = ok("copy", "app:1", place);
            assertTrue(r.out().contains("Writing manifest sha256:"), r.out());
            assertEquals(id, skopeoManifest(place).get("config").get("digest").asText(), place);
        }
        // From every place to every other, and back into the store under a name of its own.
        for (Map.Entry<String, String> from : first.entrySet()) {
            for (Map.Entry<String, String> to : places(from.getKey().replace("-", "") + "to").entrySet()) {
                if (to.getKey().equals(from.getKey())) {
                    continue;
                }
                ok("copy", from.getValue(), to.getValue());
                assertEquals(id, skopeoManifest(to.getValue()).get("config").get("digest").asText(),
                        from.getKey() + " -> " + to.getKey());
            }
            String name = "back-" + from.getKey() + ":1";
            ok("copy", from.getValue(), "jbuild:" + name);
            assertEquals(id, ok("images", "-q", "--no-trunc", name).out().trim(), from.getKey() + " -> store");
        }
        Result run = ok("run", "--rm", "back-docker-archive:1", "cat", "/built");
        assertEquals("built\n", run.out());
    }

    @Test
    void digestsArePreservedWhereTheFormatAllowsAndSkopeoWrittenPlacesAreRead() throws Exception {
        String registry = "docker://" + REGISTRY.host() + "/copy/app:1";
        ok("push", "app:1", registry.substring("docker://".length()));
        String pushed = sha256(Fixtures.skopeo("inspect", "--raw", "--tls-verify=false", registry).out().getBytes());
        // registry -> OCI layout -> oci-archive -> registry: gzip layers travel as they are, so the manifest is the same.
        Path layout = work.resolve("layout");
        ok("copy", registry, "oci:" + layout + ":x");
        ok("copy", "oci:" + layout + ":x", "oci-archive:" + work.resolve("x.tar"));
        ok("copy", "oci-archive:" + work.resolve("x.tar"), "docker://" + REGISTRY.host() + "/copy/again:1");
        assertEquals(pushed, sha256(Fixtures.skopeo("inspect", "--raw", "--tls-verify=false",
                "docker://" + REGISTRY.host() + "/copy/again:1").out().getBytes()), "the very manifest arrived");
        long uploads = REGISTRY.countRequests("PUT", "/v2/copy/again/blobs/uploads/");
        Result again = ok("copy", "oci:" + layout + ":x", "docker://" + REGISTRY.host() + "/copy/again:1");
        assertEquals(uploads, REGISTRY.countRequests("PUT", "/v2/copy/again/blobs/uploads/"), "nothing sent again");
        assertEquals(3, again.out().lines().filter(l -> l.endsWith("skipped: already exists")).count(), again.out());

        // What skopeo wrote, jbuild reads (and the other way round, above).
        for (String place : List.of("oci:" + work.resolve("sk-layout") + ":sk", "oci-archive:" + work.resolve("sk-oci.tar"),
                "docker-archive:" + work.resolve("sk-docker.tar") + ":sk/app:1")) {
            Result copy = Fixtures.skopeo("copy", "--src-tls-verify=false", registry, place);
            assertEquals(0, copy.exitCode(), copy::toString);
            String name = "from-skopeo-" + place.substring(0, place.indexOf(':')) + ":1";
            ok("copy", place, name);
            assertEquals(id, ok("images", "-q", "--no-trunc", name).out().trim(), place);
        }

        // Docker schema 2 on request: media types change, the config (the image ID) does not.
        ok("copy", "--format", "v2s2", "app:1", "docker://" + REGISTRY.host() + "/copy/v2:1");
        JsonNode v2 = skopeoManifest("docker://" + REGISTRY.host() + "/copy/v2:1");
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", v2.get("mediaType").asText());
        assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip", v2.get("layers").get(1).get("mediaType").asText());
        assertEquals(id, v2.get("config").get("digest").asText());
    }

    @Test
    void anIndexGoesWholeWithAllAndOnePlatformWithout() throws Exception {
        // A two-platform index by hand in an OCI layout: the one image, once as amd64, once as arm64.
        Path layout = work.resolve("multi");
        ok("copy", "--dest-compress-format", "gzip", "app:1", "oci:" + layout + ":one");
        JsonNode one = JSON.readTree(layout.resolve("index.json").toFile()).get("manifests").get(0);
        String entry = "{\"mediaType\":\"" + one.get("mediaType").asText() + "\",\"digest\":\"" + one.get("digest").asText()
                + "\",\"size\":" + one.get("size").asLong() + ",\"platform\":{\"architecture\":\"%s\",\"os\":\"linux\"}}";
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + String.format(entry, "amd64") + "," + String.format(entry, "arm64") + "]}").getBytes();
        String indexDigest = sha256(index);
        Files.write(layout.resolve("blobs/sha256").resolve(indexDigest.substring(7)), index);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + indexDigest + "\",\"size\":" + index.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"multi\"}}]}");

        String target = "docker://" + REGISTRY.host() + "/copy/multi:1";
        ok("copy", "--all", "oci:" + layout + ":multi", target);
        Result raw = Fixtures.skopeo("inspect", "--raw", "--tls-verify=false", target);
        assertEquals(indexDigest, sha256(raw.out().getBytes()), "the index arrived byte for byte");
        Result arm = Fixtures.skopeo("inspect", "--tls-verify=false", "--override-arch", "arm64", target);
        assertEquals(0, arm.exitCode(), arm::toString);

        ok("copy", "--platform", "linux/arm64", target, "jbuild:multi-arm:1");
        assertEquals(indexDigest, ok("images", "-q", "--no-trunc", "multi-arm:1").out().trim(), "the index, its arm64 image in");
        assertTrue(ok("inspect", "--platform", "linux/arm64", "multi-arm:1").out().contains("\"" + id + "\""));
        Result none = fails("copy", "--platform", "linux/s390x", target, "jbuild:nothing:1");
        assertTrue(none.err().contains("no image for linux/s390x in its index"), none.err());
        ok("copy", "--all", target, "jbuild:all:1");
        String tree = ok("images", "--tree", "--no-trunc", "all").out();
        assertEquals(2, tree.lines().filter(l -> l.contains(id)).count(), "both platforms' images are in: " + tree);
        ok("copy", "--all", "jbuild:all:1", "oci:" + work.resolve("again") + ":multi");
        assertEquals(indexDigest, JSON.readTree(work.resolve("again/index.json").toFile()).get("manifests").get(0).get("digest").asText(),
                "the store gives the index back byte for byte");
    }

    @Test
    void badPlacesAreOneLineErrors() throws Exception {
        assertEquals("jbuild: copy: unsupported transport in \"ftp://x/y\": use docker://, oci:, oci-archive:,"
                + " docker-archive: or jbuild: (the store)\n", fails("copy", "ftp://x/y", "oci:" + work.resolve("o")).err());
        assertEquals("jbuild: copy: " + work.resolve("none.tar") + ": no such file\n",
                fails("copy", "oci-archive:" + work.resolve("none.tar"), "jbuild:x:1").err());
        assertTrue(fails("copy", "nosuch:1", "oci:" + work.resolve("o")).err().contains("nosuch:1"));
        Result missing = fails("copy", "docker://" + REGISTRY.host() + "/copy/none:1", "oci:" + work.resolve("o"));
        assertEquals("jbuild: copy: " + REGISTRY.host() + "/copy/none:1: not found\n", missing.err());
        assertTrue(!Files.exists(work.resolve("o").resolve("index.json")), "nothing was written");
        ok("save", "-o", work.resolve("two.tar").toString(), "app:1", "busybox:latest");
        Result two = fails("copy", "docker-archive:" + work.resolve("two.tar"), "jbuild:one:1");
        assertTrue(two.err().contains("holds 2 images; name the one to copy"), two.err());
        ok("copy", "docker-archive:" + work.resolve("two.tar") + ":busybox:latest", "jbuild:one:1");
    }
}
