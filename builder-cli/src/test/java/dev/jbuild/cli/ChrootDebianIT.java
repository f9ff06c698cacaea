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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: testdata/debian/Dockerfile (apt-get from Debian's mirror, useradd, USER, su) built in the CI
 * pod without privileges (chroot isolation) and rootless: every layer holds the same entries (paths,
 * types, modes, owners, sizes, contents) and the configs are the same. Not compared: the contents of
 * what records the wall clock (apt's and dpkg's logs, apt's package caches: they differ between any
 * two builds), and the size of apt's log of the terminal it had (there is no pseudo-terminal without
 * mounts).
 */
@Tag("slow")
class ChrootDebianIT {
    /** apt writes its terminal's output there, and the pod has none to give it. */
    private static final String PTY_LOG = "var/log/apt/term.log";

    private static boolean recordsTheClock(String name) {
        return name.startsWith("var/log/") || name.matches("var/cache/apt/[a-z]*pkgcache\\.bin");
    }

    @TempDir
    Path work;

    @Test
    void aptUseraddAndSuGiveTheSameLayersInThePodAsRootless() throws Exception {
        Fixtures.requireTool("capsh");
        String rootfs = System.getenv("JBUILD_DEBIAN_ROOTFS");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)), "CI must provide JBUILD_DEBIAN_ROOTFS");
        }
        Assumptions.assumeTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)),
                "no Debian root file system: sudo testdata/debian/rootfs.sh /tmp/debian.tar; export JBUILD_DEBIAN_ROOTFS=/tmp/debian.tar");
        Map<String, String> epoch = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        Path pod = Files.createDirectories(work.resolve("pod"));
        Path inPod = work.resolve("pod.tar");
        for (String[] args : List.of(new String[] {"import", rootfs, "debian:bookworm"},
                new String[] {"build", "-q", "-t", "deb:1", "testdata/debian"}, new String[] {"save", "-o", inPod.toString(), "deb:1"})) {
            Result r = LockedDown.jbuild(pod, epoch, null, args);
            assertEquals(0, r.exitCode(), r::toString);
        }
        Path store = work.resolve("rootless");
        Path rootless = work.resolve("rootless.tar");
        Map<String, String> env = Map.of("JBUILD_ROOT", store.toString(), "SOURCE_DATE_EPOCH", "1700000000");
        for (String[] args : List.of(new String[] {"import", rootfs, "debian:bookworm"},
                new String[] {"build", "-q", "-t", "deb:1", "testdata/debian"}, new String[] {"save", "-o", rootless.toString(), "deb:1"})) {
            Result r = JbuildProcess.run(env, null, JbuildProcess.PROJECT, args);
            assertEquals(0, r.exitCode(), r::toString);
        }
        Path a = unpack(inPod, "a");
        Path b = unpack(rootless, "b");
        JsonNode ma = new ObjectMapper().readTree(a.resolve("manifest.json").toFile()).get(0);
        JsonNode mb = new ObjectMapper().readTree(b.resolve("manifest.json").toFile()).get(0);
        assertEquals(mb.get("Layers").size(), ma.get("Layers").size());
        for (int i = 0; i < ma.get("Layers").size(); i++) {
            List<String> want = entries(b.resolve(mb.get("Layers").get(i).asText()));
            List<String> got = entries(a.resolve(ma.get("Layers").get(i).asText()));
            List<String> missing = want.stream().filter(e -> !got.contains(e)).toList();
            List<String> extra = got.stream().filter(e -> !want.contains(e)).toList();
            assertEquals(List.of(), missing, "layer " + i + ": rootless has, the pod has not (the pod has instead: " + extra + ")");
            assertEquals(List.of(), extra, "layer " + i + ": the pod has, rootless has not");
        }
        assertEquals(config(b.resolve(mb.get("Config").asText())), config(a.resolve(ma.get("Config").asText())));
        JbuildProcess.run(env, null, JbuildProcess.PROJECT, "unshare", "rm", "-rf", store.toString());
        LockedDown.jbuild(pod, epoch, null, "unshare", "rm", "-rf", pod.toString());
    }

    private Path unpack(Path archive, String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        assertEquals(0, Fixtures.exec("tar", "-C", dir.toString(), "-xf", archive.toString()).exitCode());
        return dir;
    }

    /** Each entry: name, type, mode, owner, size, link target, content digest (as far as comparable, see above). */
    private static List<String> entries(Path layer) throws IOException {
        List<String> out = new ArrayList<>();
        java.io.BufferedInputStream raw = new java.io.BufferedInputStream(Files.newInputStream(layer));
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new java.util.zip.GZIPInputStream(raw) : raw)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                boolean pty = e.getName().equals(PTY_LOG);
                out.add(e.getName() + " " + (e.isDirectory() ? "d" : e.isSymbolicLink() ? "l" : e.isLink() ? "h" : "f")
                        + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":" + e.getLongGroupId()
                        + (pty ? "" : " " + e.getSize() + " " + e.getLinkName())
                        + (pty || recordsTheClock(e.getName()) ? "" : " " + sha256(tar)));
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

    /** The config but its layers' diffIDs (the pty log's layer differs). */
    private static JsonNode config(Path file) throws IOException {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        config.remove("rootfs");
        return config;
    }
}
