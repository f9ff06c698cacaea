package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.cli.JbuildProcess.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * One Dockerfile FROM the Debian fixture built in the CI pod without privileges (chroot isolation,
 * {@link LockedDown}) and rootless: every layer must hold the same entries (paths, types, modes, owners,
 * sizes, link targets, contents) and the configs must match, but for the contents and sizes of files that
 * differ between any two builds, which the caller names.
 */
final class PodParity {
    static final Map<String, String> EPOCH = Map.of("SOURCE_DATE_EPOCH", "1700000000");
    private final Path work;
    final Path pod;

    private PodParity(Path work) throws IOException {
        this.work = work;
        this.pod = Files.createDirectories(work.resolve("pod"));
    }

    /** The pod, its store holding the Debian fixture as debian:bookworm; skipped (failed in CI) without the fixture. */
    static PodParity withDebian(Path work) throws Exception {
        Fixtures.requireTool("capsh");
        String rootfs = debianRootfs();
        PodParity parity = new PodParity(work);
        parity.inPod("import", rootfs, "debian:bookworm");
        return parity;
    }

    static String debianRootfs() {
        String rootfs = System.getenv("JBUILD_DEBIAN_ROOTFS");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)), "CI must provide JBUILD_DEBIAN_ROOTFS");
        }
        Assumptions.assumeTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)),
                "no Debian root file system: sudo testdata/debian/rootfs.sh /tmp/debian.tar; export JBUILD_DEBIAN_ROOTFS=/tmp/debian.tar");
        return rootfs;
    }

    Result inPod(String... args) throws Exception {
        Result r = LockedDown.jbuild(pod, EPOCH, null, args);
        assertEquals(0, r.exitCode(), () -> "jbuild " + String.join(" ", args) + " in the pod:\n" + r);
        return r;
    }

    /** Builds {@code context} as {@code tag} in the pod and rootless, and compares the two images. */
    void buildBothAndCompare(String context, String tag, Predicate<String> contentVaries) throws Exception {
        Path inPod = work.resolve("pod.tar");
        inPod("build", "-q", "-t", tag, context);
        inPod("save", "-o", inPod.toString(), tag);
        Path store = work.resolve("rootless");
        Path rootless = work.resolve("rootless.tar");
        Map<String, String> env = Map.of("JBUILD_ROOT", store.toString(), "SOURCE_DATE_EPOCH", "1700000000");
        try {
            for (String[] args : List.of(new String[] {"import", debianRootfs(), "debian:bookworm"},
                    new String[] {"build", "-q", "-t", tag, context}, new String[] {"save", "-o", rootless.toString(), tag})) {
                Result r = JbuildProcess.run(env, null, JbuildProcess.PROJECT, args);
                assertEquals(0, r.exitCode(), r::toString);
            }
            compare(unpack(inPod, "a"), unpack(rootless, "b"), contentVaries);
        } finally {
            JbuildProcess.run(env, null, JbuildProcess.PROJECT, "unshare", "rm", "-rf", store.toString());
        }
    }

    /** The pod's store goes with the pod's ids (the test user alone may not remove what they own). */
    void removePod() throws Exception {
        LockedDown.jbuild(pod, EPOCH, null, "unshare", "rm", "-rf", pod.toString());
    }

    private static void compare(Path a, Path b, Predicate<String> contentVaries) throws IOException {
        JsonNode ma = new ObjectMapper().readTree(a.resolve("manifest.json").toFile()).get(0);
        JsonNode mb = new ObjectMapper().readTree(b.resolve("manifest.json").toFile()).get(0);
        assertEquals(mb.get("Layers").size(), ma.get("Layers").size());
        for (int i = 0; i < ma.get("Layers").size(); i++) {
            List<String> want = entries(b.resolve(mb.get("Layers").get(i).asText()), contentVaries);
            List<String> got = entries(a.resolve(ma.get("Layers").get(i).asText()), contentVaries);
            List<String> missing = want.stream().filter(e -> !got.contains(e)).toList();
            List<String> extra = got.stream().filter(e -> !want.contains(e)).toList();
            assertEquals(List.of(), missing, "layer " + i + ": rootless has, the pod has not (the pod has instead: " + extra + ")");
            assertEquals(List.of(), extra, "layer " + i + ": the pod has, rootless has not");
        }
        assertEquals(config(b.resolve(mb.get("Config").asText())), config(a.resolve(ma.get("Config").asText())));
    }

    private Path unpack(Path archive, String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        assertEquals(0, Fixtures.exec("tar", "-C", dir.toString(), "-xf", archive.toString()).exitCode());
        return dir;
    }

    /** Each entry: name, type, mode, owner, size, link target, content digest (as far as comparable). */
    private static List<String> entries(Path layer, Predicate<String> contentVaries) throws IOException {
        List<String> out = new ArrayList<>();
        java.io.BufferedInputStream raw = new java.io.BufferedInputStream(Files.newInputStream(layer));
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new java.util.zip.GZIPInputStream(raw) : raw)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                boolean varies = contentVaries.test(e.getName());
                out.add(e.getName() + " " + (e.isDirectory() ? "d" : e.isSymbolicLink() ? "l" : e.isLink() ? "h" : "f")
                        + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":" + e.getLongGroupId()
                        + " " + e.getLinkName() + (varies ? "" : " " + e.getSize() + " " + sha256(tar)));
            }
        }
        return out;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The config but its layers' diffIDs (a layer whose varying files differ differs). */
    private static JsonNode config(Path file) throws IOException {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        config.remove("rootfs");
        return config;
    }
}
