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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-platform images end to end: an arm64 busybox base made from Debian's busybox-static:arm64
 * (scripts/test.sh), a two-platform base served as an index by a real registry, arm64 RUN steps through
 * qemu-user-static's binfmt_misc handler, the result checked with skopeo and compared with Buildah's.
 */
class MultiPlatformIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path store() {
        return work.resolve("store");
    }

    private Result ok(String... args) throws Exception {
        return JbuildProcess.okInStore(store(), args);
    }

    /** scripts/test.sh's arm64 busybox root, and a registered arm64 emulator: CI has both, elsewhere the test says what is missing. */
    private static Path arm64Busybox() throws Exception {
        String tar = System.getenv("JBUILD_TEST_ARM64_BUSYBOX");
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeFalse(tar != null && tar.startsWith("unavailable: "), tar); // test.sh said why
        boolean present = tar != null && !tar.isEmpty() && Files.isRegularFile(Path.of(tar));
        if (!present && ci) {
            throw new AssertionError("JBUILD_TEST_ARM64_BUSYBOX is not set: scripts/test.sh makes it as root");
        }
        Assumptions.assumeTrue(present, "no arm64 busybox root (scripts/test.sh makes one as root: JBUILD_TEST_ARM64_BUSYBOX)");
        String info = JbuildProcess.run("info").out();
        boolean emulated = info.lines().anyMatch(l -> l.startsWith("Platforms:") && l.contains("linux/arm64 ("));
        if (!emulated && ci) {
            throw new AssertionError("no arm64 emulator registered with binfmt_misc (scripts/test.sh registers qemu-user-static's): " + info);
        }
        Assumptions.assumeTrue(emulated, "no arm64 emulator registered with binfmt_misc (apt-get install qemu-user-static)");
        return Path.of(tar);
    }

    /** busybox:amd64 and busybox:arm64 joined with jbuild manifest and pushed as one index; returns its name there. */
    private String twoPlatformBase() throws Exception {
        ok("import", Fixtures.busyboxTar().toString(), "bb:amd64");
        ok("import", "--platform", "linux/arm64", arm64Busybox().toString(), "bb:arm64");
        ok("manifest", "create", "bb:multi", "bb:amd64", "bb:arm64");
        ok("manifest", "annotate", "--annotation", "org.opencontainers.image.title=busybox", "--index", "bb:multi");
        String base = REGISTRY.host() + "/base/busybox:1";
        ok("manifest", "push", "--all", "bb:multi", base);
        return base;
    }

    @Test
    void aTwoPlatformBuildPushesOneIndexWhoseImagesEachRunTheirOwnCpu() throws Exception {
        String base = twoPlatformBase();
        JsonNode baseIndex = JSON.readTree(raw(base));
        assertEquals(Set.of("linux/amd64", "linux/arm64"), platforms(baseIndex));
        assertEquals("busybox", baseIndex.get("annotations").get("org.opencontainers.image.title").asText());

        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nARG TARGETPLATFORM\n"
                + "RUN echo \"$(uname -m) $TARGETPLATFORM\" > /arch\n");
        String app = REGISTRY.host() + "/ci/app:1";
        String cache = REGISTRY.host() + "/ci/cache";
        Path metadata = work.resolve("metadata.json");
        Path archive = work.resolve("app.oci.tar");
        Result built = ok("build", "--progress", "plain", "--platform", "linux/amd64,linux/arm64", "--push", "-t", app,
                "--metadata-file", metadata.toString(), "--cache-to", cache, "-o", "type=oci,dest=" + archive, ctx.toString());
        assertEquals(Set.of("linux/amd64", "linux/arm64"), platforms(JSON.readTree(Fixtures.skopeo("inspect", "--raw",
                "oci-archive:" + archive).out())), "type=oci carries the index");
        Result docker = JbuildProcess.inStore(store(), "build", "--platform", "linux/amd64,linux/arm64", "-o",
                "type=docker,dest=" + work.resolve("app.docker.tar"), ctx.toString());
        assertEquals("jbuild: build: --output type=docker,dest=" + work.resolve("app.docker.tar") + ": a docker archive holds one"
                + " platform's image; use type=oci for a multi-platform image", docker.err().trim());
        assertTrue(built.out().contains("[linux/arm64] STEP 3/3: RUN"), "each step says its platform: " + built.out());
        assertTrue(built.out().contains("[linux/amd64] STEP 3/3: RUN"), built.out());

        byte[] pushed = raw(app);
        JsonNode index = JSON.readTree(pushed);
        assertEquals("application/vnd.oci.image.index.v1+json", index.get("mediaType").asText());
        assertEquals(Set.of("linux/amd64", "linux/arm64"), platforms(index));
        assertEquals(sha256(pushed), JSON.readTree(metadata.toFile()).get("containerimage.digest").asText(),
                "--metadata-file records the index, as buildx does");
        for (JsonNode entry : index.get("manifests")) {
            assertEquals("application/vnd.oci.image.manifest.v1+json", entry.get("mediaType").asText());
            byte[] manifest = raw(REGISTRY.host() + "/ci/app@" + entry.get("digest").asText());
            assertEquals(entry.get("digest").asText(), sha256(manifest), "every digest resolves");
            Result config = Fixtures.skopeo("inspect", "--tls-verify=false", "--config", "docker://" + REGISTRY.host() + "/ci/app@"
                    + entry.get("digest").asText());
            assertEquals(entry.get("platform").get("architecture").asText(), JSON.readTree(config.out()).get("architecture").asText());
        }

        Path fresh = work.resolve("fresh"); // another machine: pulls what it runs
        assertEquals("aarch64 linux/arm64", JbuildProcess.okInStore(fresh, "run", "--rm", "--platform", "linux/arm64", app, "cat", "/arch")
                .out().trim());
        String hostArch = Fixtures.exec("uname", "-m").out().trim();
        assertEquals(hostArch + " " + dev.jbuild.store.platform.Platform.host(),
                JbuildProcess.okInStore(fresh, "run", "--rm", app, "cat", "/arch").out().trim(), "run takes this machine's platform");
        String tree = JbuildProcess.okInStore(fresh, "images", "--tree").out();
        assertEquals(1, tree.lines().filter(l -> l.contains("ci/app")).count(), "one name, one row: " + tree);
        assertTrue(tree.contains("linux/arm64") && tree.contains("linux/amd64"), tree);
        Path all = work.resolve("all");
        JbuildProcess.okInStore(all, "pull", "--all-platforms", app);
        assertFalse(JbuildProcess.okInStore(all, "images", "--tree").out().contains("not pulled"));

        // A runner that starts empty: both platforms' steps come from the registry cache, each its own platform's.
        Path cached = work.resolve("cached");
        Result again = JbuildProcess.okInStore(cached, "build", "--progress", "plain", "--platform", "linux/amd64,linux/arm64",
                "--cache-from", cache, "-t", "again:1", ctx.toString());
        assertEquals(4, again.out().lines().filter("--> CACHED"::equals).count(), "ARG and RUN of both platforms: " + again.out());
        assertEquals("aarch64 linux/arm64", JbuildProcess.okInStore(cached, "run", "--rm", "--platform", "linux/arm64", "again:1",
                "cat", "/arch").out().trim());

        // One foreign platform alone: an image of that platform, no index.
        ok("build", "--platform", "linux/arm64", "-t", "arm-only:1", ctx.toString());
        assertEquals("aarch64 linux/arm64", ok("run", "--rm", "arm-only:1", "cat", "/arch").out().trim());
        assertTrue(ok("inspect", "arm-only:1").out().contains("\"arm64\""));

        comparedWithBuildah(ctx, index);
    }

    /** Buildah's two-platform build of the same Dockerfile: a list of the same platforms, each entry an image manifest. */
    private void comparedWithBuildah(Path ctx, JsonNode ours) throws Exception {
        Fixtures.requireTool("buildah");
        Path bh = work.resolve("buildah");
        Path conf = Files.writeString(Files.createDirectories(bh).resolve("containers.conf"),
                "[engine]\nruntime = \"runc\"\ncgroup_manager = \"cgroupfs\"\n"); // see BuildahConformanceIT
        List<String> buildah = List.of("buildah", "--root", bh.resolve("root").toString(), "--runroot", bh.resolve("run").toString(),
                "--storage-driver", "vfs");
        Map<String, String> env = Map.of("CONTAINERS_CONF", conf.toString());
        try {
            Result b = exec(env, buildah, "build", "--tls-verify=false", "--isolation", "oci", "--network", "host",
                    "--platform", "linux/amd64,linux/arm64", "--manifest", "bhlist", ctx.toString());
            assertEquals(0, b.exitCode(), b::toString);
            JsonNode theirs = JSON.readTree(exec(env, buildah, "manifest", "inspect", "bhlist").out());
            assertEquals(platforms(theirs), platforms(ours));
            assertTrue(Set.of("application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json")
                    .contains(theirs.get("mediaType").asText()));
            for (JsonNode entry : theirs.get("manifests")) {
                assertEquals(ours.get("manifests").get(0).get("mediaType").asText(), entry.get("mediaType").asText(),
                        "entries are OCI image manifests in both");
                assertEquals(Set.of("architecture", "os"), fieldNames(entry.get("platform")), "the same platform fields");
            }
            assertEquals(Set.of("architecture", "os"), fieldNames(ours.get("manifests").get(0).get("platform")));
        } finally {
            exec(env, buildah, "unshare", "rm", "-rf", bh.toString());
        }
    }

    @Test
    void manifestListsAreMadeAddedToInspectedAndRemovedWithoutTheirImages() throws Exception {
        twoPlatformBase();
        ok("manifest", "create", "solo:1");
        ok("manifest", "add", "--annotation", "role=arm", "solo:1", "bb:arm64");
        JsonNode solo = JSON.readTree(ok("manifest", "inspect", "solo:1").out());
        assertEquals(Set.of("linux/arm64"), platforms(solo));
        assertEquals("arm", solo.get("manifests").get(0).get("annotations").get("role").asText());
        ok("manifest", "add", "solo:1", "bb:amd64");
        ok("manifest", "annotate", "--variant", "v8", "solo:1", "bb:arm64");
        assertEquals(Set.of("linux/amd64", "linux/arm64"), platforms(JSON.readTree(ok("manifest", "inspect", "solo:1").out())),
                "arm64's v8 is arm64 itself");
        JsonNode remote = JSON.readTree(ok("manifest", "inspect", REGISTRY.host() + "/base/busybox:1").out());
        assertEquals(Set.of("linux/amd64", "linux/arm64"), platforms(remote), "a registry's list, read there");
        assertTrue(ok("manifest", "rm", "solo:1").out().contains("Untagged: solo:1"));
        assertFalse(ok("images").out().contains("solo"));
        ok("inspect", "bb:arm64", "bb:amd64"); // the images it listed stay
        Result notAList = JbuildProcess.inStore(store(), "manifest", "add", "bb:amd64", "bb:arm64");
        assertEquals("jbuild: manifest: bb:amd64 is not a manifest list in the store (make one with jbuild manifest create)",
                notAList.err().trim());
    }

    @Test
    void crossCompilationRunsOnTheBuildPlatformWithNoEmulator() throws Exception {
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Path ctx = Files.createDirectories(work.resolve("cross"));
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM --platform=$BUILDPLATFORM busybox AS build
                ARG TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT BUILDPLATFORM
                RUN echo "$(uname -m) built $TARGETPLATFORM ($TARGETOS $TARGETARCH $TARGETVARIANT) on $BUILDPLATFORM" > /out
                FROM scratch
                COPY --from=build /out /out
                """);
        // riscv64: an emulator for it or not, the one RUN runs natively
        Path out = work.resolve("out");
        ok("build", "--platform", "linux/riscv64,linux/arm/v7", "-t", "cross:1", "-o", "type=local,dest=" + out, ctx.toString());
        String host = dev.jbuild.store.platform.Platform.host().toString();
        String uname = Fixtures.exec("uname", "-m").out().trim();
        assertEquals(uname + " built linux/riscv64 (linux riscv64 ) on " + host, Files.readString(out.resolve("linux_riscv64/out")).trim());
        assertEquals(uname + " built linux/arm/v7 (linux arm v7) on " + host, Files.readString(out.resolve("linux_arm_v7/out")).trim());
        String inspect = ok("inspect", "--platform", "linux/riscv64", "cross:1").out();
        assertTrue(inspect.contains("\"riscv64\""), inspect);
        String history = ok("history", "--platform", "linux/arm/v7", "cross:1").out();
        assertTrue(history.contains("COPY"), history);
    }

    @Test
    void aPlatformWithNoEmulatorStopsBeforeItsFirstStepInOneLine() throws Exception {
        String info = JbuildProcess.run("info").out();
        Assumptions.assumeFalse(info.contains("linux/s390x"), "this host has an s390x emulator registered");
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Path ctx = Files.createDirectories(work.resolve("s390x"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo ran\n");
        Result r = JbuildProcess.inStore(store(), "build", "--progress", "plain", "--platform", "linux/s390x", ctx.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("jbuild: build: linux/s390x: this host cannot run s390x programs for RUN: install qemu-user-static"
                + " (apt-get install qemu-user-static) so that binfmt_misc runs them, or build that platform on a machine of its own"
                + " and join the images with jbuild manifest", r.err().trim());
        assertFalse(r.out().contains("STEP"), "no step began: " + r.out());
    }

    private static byte[] raw(String reference) throws Exception {
        Result r = Fixtures.skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reference);
        assertEquals(0, r.exitCode(), r::toString);
        return r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Set<String> platforms(JsonNode index) {
        Set<String> platforms = new TreeSet<>();
        for (JsonNode m : index.get("manifests")) {
            JsonNode p = m.get("platform");
            platforms.add(p.get("os").asText() + "/" + p.get("architecture").asText() + (p.has("variant") ? "/" + p.get("variant").asText() : ""));
        }
        return platforms;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Result exec(Map<String, String> env, List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(new HashMap<>(env));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out, "");
    }
}
