package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** push and pull against a real registry (Debian's docker-registry) on loopback, checked with skopeo. */
class RegistryIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @TempDir
    Path work;
    private Path store;
    private String id;

    @BeforeEach
    void image() throws Exception {
        store = work.resolve("store");
        id = JbuildProcess.okInStore(store, "import", "-c", "CMD [\"sh\"]", Fixtures.busyboxTar().toString(), "busybox:latest").out().trim();
    }

    @Test
    void pushTwiceUploadsNothingTheSecondTime() throws Exception {
        String dest = REGISTRY.host() + "/twice/busybox:1";
        List<String> first = JbuildProcess.okInStore(store, "push", "busybox", dest).out().lines().toList();
        assertEquals("The push refers to repository [" + REGISTRY.host() + "/twice/busybox]", first.get(0));
        assertTrue(first.stream().filter(l -> l.endsWith(": Pushed")).count() == 2, first::toString);
        assertTrue(first.get(first.size() - 1).matches("1: digest: sha256:[a-f0-9]{64} size: \\d+"), first::toString);
        long uploads = REGISTRY.countRequests("PUT", "/v2/twice/busybox/blobs/uploads/");
        assertEquals(2, uploads);
        long blobChecks = REGISTRY.countRequests("HEAD", "/v2/twice/busybox/blobs/");
        long manifestPuts = REGISTRY.countRequests("PUT", "/v2/twice/busybox/manifests/");

        List<String> second = JbuildProcess.okInStore(store, "push", "busybox", dest).out().lines().toList();
        assertEquals(2, second.stream().filter(l -> l.endsWith(": Layer already exists")).count(), second::toString);
        assertEquals(first.get(first.size() - 1), second.get(second.size() - 1), "the same digest");
        assertEquals(uploads, REGISTRY.countRequests("PUT", "/v2/twice/busybox/blobs/uploads/"), "no blob uploaded again");
        // The tag already names this manifest: one HEAD of it answers for every blob, and nothing is written.
        assertEquals(blobChecks, REGISTRY.countRequests("HEAD", "/v2/twice/busybox/blobs/"), "no blob asked about");
        assertEquals(manifestPuts, REGISTRY.countRequests("PUT", "/v2/twice/busybox/manifests/"), "no manifest written");
    }

    @Test
    void blobsInAnotherRepositoryOfTheRegistryAreMountedNotUploaded() throws Exception {
        JbuildProcess.okInStore(store, "tag", "busybox", REGISTRY.host() + "/team-a/bb:1");
        JbuildProcess.okInStore(store, "push", REGISTRY.host() + "/team-a/bb:1");
        List<String> out = JbuildProcess.okInStore(store, "push", "busybox", REGISTRY.host() + "/team-b/bb:1").out().lines().toList();
        assertEquals(2, out.stream().filter(l -> l.endsWith(": Mounted from team-a/bb")).count(), out::toString);
        assertEquals(0, REGISTRY.countRequests("PUT", "/v2/team-b/bb/blobs/uploads/"), "no blob bytes were sent");
        assertEquals(2, REGISTRY.countRequests("POST", "/v2/team-b/bb/blobs/uploads/?", "mount=sha256"));
    }

    @Test
    void aPushToANewRepositoryMountsWhatAnEarlierPushSentElsewhere() throws Exception {
        JbuildProcess.okInStore(store, "push", "busybox", REGISTRY.host() + "/first/bb:1"); // no local name for it
        List<String> out = JbuildProcess.okInStore(store, "push", "busybox", REGISTRY.host() + "/second/bb:1").out().lines().toList();
        assertEquals(2, out.stream().filter(l -> l.endsWith(": Mounted from first/bb")).count(), out::toString);
        assertEquals(0, REGISTRY.countRequests("PUT", "/v2/second/bb/blobs/uploads/"), "no blob bytes were sent");
        JbuildProcess.okInStore(store, "rmi", "busybox");
        JbuildProcess.okInStore(store, "system", "prune", "-a", "-f");
        try (var left = Files.list(store.resolve("locations"))) {
            assertEquals(0, left.count(), "what was known of deleted blobs goes with them");
        }
    }

    @Test
    void aLargeBlobGoesUpInOnePut() throws Exception {
        Path tree = Files.createDirectories(work.resolve("big"));
        byte[] random = new byte[40 << 20];
        new java.util.Random(7).nextBytes(random);
        Files.write(tree.resolve("noise"), random);
        Path tar = work.resolve("big.tar");
        assertEquals(0, Fixtures.exec("tar", "-C", tree.toString(), "-cf", tar.toString(), ".").exitCode());
        String bigId = JbuildProcess.okInStore(store, "import", tar.toString(), "big:1").out().trim();
        JbuildProcess.okInStore(store, "push", "big:1", REGISTRY.host() + "/chunked/big:1");
        assertEquals(0, REGISTRY.countRequests("PATCH", "/v2/chunked/big/"), "no PATCH");
        assertEquals(2, REGISTRY.countRequests("PUT", "/v2/chunked/big/blobs/uploads/"), "40 MB layer and config, each in one PUT");
        Path fresh = work.resolve("fresh");
        JbuildProcess.okInStore(fresh, "pull", REGISTRY.host() + "/chunked/big:1");
        assertEquals(bigId + "\n", JbuildProcess.okInStore(fresh, "images", "-q", "--no-trunc").out());
    }

    private static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void multiPlatformIndexPullsTheWantedPlatform() throws Exception {
        Fixtures.requireTool("skopeo");
        ObjectMapper json = new ObjectMapper();
        String manifestHex = json.readTree(JbuildProcess.okInStore(store, "inspect", "busybox").out()).get(0)
                .get("Manifest").asText().substring(7);
        Path blobs = store.resolve("blobs/sha256");
        byte[] amdManifest = Files.readAllBytes(blobs.resolve(manifestHex));
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(blobs.resolve(id.substring(7)).toFile());
        byte[] armConfig = json.writeValueAsBytes(config.put("architecture", "arm64"));
        com.fasterxml.jackson.databind.node.ObjectNode manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(amdManifest);
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("config"))
                .put("digest", "sha256:" + sha256(armConfig)).put("size", armConfig.length);
        byte[] armManifest = json.writeValueAsBytes(manifest);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + manifestHex
                + "\",\"size\":" + amdManifest.length + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + sha256(armManifest)
                + "\",\"size\":" + armManifest.length + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
        Path layout = Files.createDirectories(work.resolve("layout/blobs/sha256"));
        try (var files = Files.list(blobs)) {
            for (Path b : (Iterable<Path>) files::iterator) {
                Files.copy(b, layout.resolve(b.getFileName()));
            }
        }
        Files.write(layout.resolve(sha256(armConfig)), armConfig);
        Files.write(layout.resolve(sha256(armManifest)), armManifest);
        byte[] indexBytes = index.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(layout.resolve(sha256(indexBytes)), indexBytes);
        Path root = work.resolve("layout");
        Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(root.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"sha256:" + sha256(indexBytes) + "\",\"size\":"
                + indexBytes.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"multi\"}}]}");
        Result copy = Fixtures.skopeo("copy", "--all", "--dest-tls-verify=false", "oci:" + root + ":multi",
                "docker://" + REGISTRY.host() + "/multi/bb:1");
        assertEquals(0, copy.exitCode(), copy::toString);

        String armId = "sha256:" + sha256(armConfig);
        Path arm = work.resolve("arm");
        List<String> pulled = JbuildProcess.okInStore(arm, "pull", "--platform", "linux/arm64", REGISTRY.host() + "/multi/bb:1")
                .out().lines().toList();
        assertTrue(pulled.contains("Digest: sha256:" + sha256(indexBytes)), pulled::toString);
        // As containerd's store: the name holds the index, with the one platform's image pulled.
        assertEquals("sha256:" + sha256(indexBytes) + "\n", JbuildProcess.okInStore(arm, "images", "-q", "--no-trunc").out());
        String tree = JbuildProcess.okInStore(arm, "images", "--tree", "--no-trunc").out();
        assertTrue(tree.lines().anyMatch(l -> l.contains("linux/arm64") && l.contains(armId)), tree);
        assertTrue(tree.lines().anyMatch(l -> l.contains("linux/amd64") && l.contains("not pulled")), tree);
        assertEquals(armId, JbuildProcess.okInStore(arm, "history", "-q", "--no-trunc", "--platform", "linux/arm64",
                REGISTRY.host() + "/multi/bb:1").out().lines().findFirst().orElse(""));
        Result notPulled = JbuildProcess.inStore(arm, "history", REGISTRY.host() + "/multi/bb:1");
        assertEquals("jbuild: history: no such image: " + REGISTRY.host() + "/multi/bb:1", notPulled.err().trim(),
                "this machine's platform is listed but not pulled");
        Path amd = work.resolve("amd");
        JbuildProcess.okInStore(amd, "pull", "--platform", "linux/amd64", REGISTRY.host() + "/multi/bb:1");
        assertEquals(id, JbuildProcess.okInStore(amd, "history", "-q", "--no-trunc", "--platform", "linux/amd64",
                REGISTRY.host() + "/multi/bb:1").out().lines().findFirst().orElse(""));
        Result none = JbuildProcess.inStore(work.resolve("s390x"), "pull", "--platform", "linux/s390x", REGISTRY.host() + "/multi/bb:1");
        assertEquals(1, none.exitCode(), none::toString);
        assertTrue(none.err().contains("no image for linux/s390x in its index"), none.err());
    }

    @Test
    void searchListsMatchingRepositoriesOfARegistry() throws Exception {
        JbuildProcess.okInStore(store, "push", "busybox", REGISTRY.host() + "/search/findme:1");
        JbuildProcess.okInStore(store, "push", "busybox", REGISTRY.host() + "/search/other:1");
        List<String> lines = JbuildProcess.okInStore(store, "search", REGISTRY.host() + "/findme").out().lines().toList();
        assertTrue(lines.get(0).matches("NAME +DESCRIPTION +STARS +OFFICIAL"), lines.get(0));
        assertEquals(List.of(REGISTRY.host() + "/search/findme"), lines.stream().skip(1).map(l -> l.split(" +")[0]).toList());
        Result bad = JbuildProcess.inStore(store, "search", "--limit", "0", "x");
        assertEquals("jbuild: search: --limit must be between 1 and 100\n", bad.err());
    }

    @Test
    void skopeoReadsWhatWasPushedAndJbuildPullsIt() throws Exception {
        Fixtures.requireTool("skopeo");
        JbuildProcess.okInStore(store, "tag", "busybox", REGISTRY.host() + "/interop/busybox:2");
        JbuildProcess.okInStore(store, "push", REGISTRY.host() + "/interop/busybox:2");
        Result inspect = Fixtures.skopeo("inspect", "--tls-verify=false", "--config",
                "docker://" + REGISTRY.host() + "/interop/busybox:2");
        assertEquals(0, inspect.exitCode(), inspect::toString);
        assertEquals("[\"sh\"]", new ObjectMapper().readTree(inspect.out()).get("config").get("Cmd").toString());

        Path fresh = work.resolve("fresh");
        List<String> pulled = JbuildProcess.okInStore(fresh, "pull", REGISTRY.host() + "/interop/busybox:2").out().lines().toList();
        assertEquals("2: Pulling from " + REGISTRY.host() + "/interop/busybox", pulled.get(0));
        assertEquals("Status: Downloaded image for " + REGISTRY.host() + "/interop/busybox:2", pulled.get(pulled.size() - 1));
        assertEquals(id + "\n", JbuildProcess.okInStore(fresh, "images", "-q", "--no-trunc").out());
        List<String> again = JbuildProcess.okInStore(fresh, "pull", REGISTRY.host() + "/interop/busybox:2").out().lines().toList();
        assertEquals(2, again.stream().filter(l -> l.endsWith(": Already exists")).count(), again::toString);
    }

    /** As docker's -q: nothing but the full name, registry and tag included. */
    @Test
    void quietPushAndPullPrintOnlyTheName() throws Exception {
        String dest = REGISTRY.host() + "/quiet/busybox";
        assertEquals(dest + ":latest\n", JbuildProcess.okInStore(store, "push", "-q", "busybox", dest).out());
        Path fresh = work.resolve("fresh");
        assertEquals(dest + ":latest\n", JbuildProcess.okInStore(fresh, "pull", "--quiet", dest).out());
        assertEquals(id + "\n", JbuildProcess.okInStore(fresh, "images", "-q", "--no-trunc").out());
    }

    @Test
    void imagesSkopeoPushedArePulled() throws Exception {
        Fixtures.requireTool("skopeo");
        Result copy = Fixtures.skopeo("copy", "--dest-tls-verify=false",
                "oci:" + store + ":docker.io/library/busybox:latest", "docker://" + REGISTRY.host() + "/by-skopeo/bb:3");
        assertEquals(0, copy.exitCode(), copy::toString);
        Path fresh = work.resolve("fresh");
        JbuildProcess.okInStore(fresh, "pull", REGISTRY.host() + "/by-skopeo/bb:3");
        String inspect = JbuildProcess.okInStore(fresh, "inspect", REGISTRY.host() + "/by-skopeo/bb:3").out();
        assertEquals("[\"sh\"]", new ObjectMapper().readTree(inspect).get(0).get("Config").get("Cmd").toString());
    }

    @Test
    void missingImageAndDamagedBlob() throws Exception {
        Path fresh = work.resolve("fresh");
        Result missing = JbuildProcess.inStore(fresh, "pull", REGISTRY.host() + "/nothing/here:1");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("jbuild: pull: " + REGISTRY.host() + "/nothing/here:1: not found\n", missing.err());

        // An image with a layer of its own (random bytes), so that damaging it touches no other test.
        Path tree = Files.createDirectories(work.resolve("tree"));
        byte[] random = new byte[200_000];
        new java.util.Random().nextBytes(random);
        Files.write(tree.resolve("noise"), random);
        Path tar = work.resolve("noise.tar");
        assertEquals(0, Fixtures.exec("tar", "-C", tree.toString(), "-cf", tar.toString(), ".").exitCode());
        JbuildProcess.okInStore(store, "import", tar.toString(), "noise:1");
        JbuildProcess.okInStore(store, "push", "noise:1", REGISTRY.host() + "/damaged/bb:1");
        String layerDigest = new ObjectMapper().readTree(JbuildProcess.okInStore(store, "inspect", "noise:1").out()).get(0)
                .get("Manifest").asText();
        String layerHex = new ObjectMapper().readTree(Files.readAllBytes(store.resolve("blobs/sha256/" + layerDigest.substring(7))))
                .get("layers").get(0).get("digest").asText().substring(7);
        Path layer = Path.of(REGISTRY.log().getParent().toString(), "storage/docker/registry/v2/blobs/sha256",
                layerHex.substring(0, 2), layerHex, "data");
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(layer, bytes);
        Result damaged = JbuildProcess.inStore(fresh, "pull", REGISTRY.host() + "/damaged/bb:1");
        assertEquals(1, damaged.exitCode(), damaged::toString);
        String served = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertTrue(damaged.err().contains("blob sha256:" + layerHex + " arrived as " + bytes.length + " bytes with digest sha256:"
                + served + "; nothing was stored"), "the digest of what the registry really served: " + damaged.err());
        assertEquals(1, JbuildProcess.okInStore(fresh, "images").out().lines().count(), "nothing was named");
        assertTrue(!Files.exists(fresh.resolve("blobs/sha256/" + layerHex)), "the damaged layer was not stored");
    }
}
