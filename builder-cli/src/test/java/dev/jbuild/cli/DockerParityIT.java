package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker is the truth for images: every case of testdata/docker-parity (a Dockerfile and its context)
 * is built by Docker's own BuildKit (Debian's dockerd, which scripts/test.sh starts as root on a socket
 * of its own and names in JBUILD_TEST_DOCKER_HOST) and by jbuild, and the two file systems (path,
 * type, mode, owner, size, content, link target, xattrs) and configs are compared. Every difference is
 * listed; the test fails on any that its case does not explain (expected-differences). Slow (two builds a case), and skipped with the reason where there is
 * no dockerd.
 */
@Tag("slow")
class DockerParityIT {
    private static final Path CORPUS = JbuildProcess.PROJECT.resolve("testdata/docker-parity");
    private static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User", "ExposedPorts",
            "Volumes", "Labels", "StopSignal");
    private static String dockerHost;
    private static Path store;

    @TempDir
    Path work;

    @BeforeAll
    static void docker() throws Exception {
        dockerHost = System.getenv("JBUILD_TEST_DOCKER_HOST");
        Assumptions.assumeTrue(dockerHost != null && !dockerHost.isEmpty(),
                "no dockerd to compare with: scripts/test.sh starts Debian's docker.io as root (JBUILD_TEST_DOCKER_HOST)");
        Result version = docker("version", "--format", "{{.Server.Version}}");
        Assumptions.assumeTrue(version.exitCode() == 0, "dockerd at " + dockerHost + " does not answer: " + version.out());
        Result imported = docker("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        assertEquals(0, imported.exitCode(), imported.out());
        store = Files.createTempDirectory("parity-store");
        JbuildProcess.okInStore(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
    }

    @AfterAll
    static void removeStore() throws Exception {
        if (store != null) {
            JbuildProcess.removeStore(store);
        }
    }

    /** Debian's docker CLI by its path (a newer one on PATH refuses BuildKit without buildx), on the test's dockerd. */
    private static Result docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "DOCKER_HOST=" + dockerHost, "DOCKER_BUILDKIT=1",
                "DOCKER_CONFIG=" + Files.createTempDirectory("docker-config"), "/usr/bin/docker"));
        command.addAll(List.of(args));
        return Fixtures.exec(command.toArray(String[]::new));
    }

    @Test
    void everyCaseGivesDockersFilesAndConfig() throws Exception {
        List<String> report = new ArrayList<>();
        int identical = 0;
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        List<String> accepted = new ArrayList<>();
        for (Path c : cases) {
            List<String> differences = new ArrayList<>(compare(c));
            List<String> expected = expectedDifferences(c);
            for (String d : expected) {
                if (differences.remove(d)) {
                    accepted.add(c.getFileName() + ": " + d);
                }
            }
            if (differences.isEmpty()) {
                identical++;
            } else {
                report.add(c.getFileName() + ":\n  " + String.join("\n  ", differences));
            }
        }
        System.out.println("docker parity: " + identical + " of " + cases.size() + " cases identical to Docker's"
                + (accepted.isEmpty() ? "" : " but for these differences their cases explain:\n  " + String.join("\n  ", accepted))
                + (report.isEmpty() ? "" : "\n" + String.join("\n", report)));
        assertEquals(List.of(), report, identical + " of " + cases.size() + " identical");
    }

    /**
     * A case's expected-differences file: a difference jbuild keeps on purpose, each line as the comparison
     * words it, with the reason in # lines (where Docker 20.10 differs from current BuildKit, say).
     */
    private static List<String> expectedDifferences(Path c) throws IOException {
        Path file = c.resolve("expected-differences");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private List<String> compare(Path c) throws Exception {
        String name = "parity-" + c.getFileName();
        Path dockerTar = work.resolve(name + "-docker.tar");
        Path jbuildTar = work.resolve(name + "-jbuild.tar");
        String dockerfile = c.resolve("Dockerfile").toString();
        String context = c.resolve("ctx").toString();
        Result d = docker("build", "--network", "host", "-q", "-f", dockerfile, "-o", "type=tar,dest=" + dockerTar, context);
        Result j = JbuildProcess.inStore(store, "build", "-q", "-f", dockerfile, "-o", "type=tar,dest=" + jbuildTar, "-t", name, context);
        if (d.exitCode() != 0 || j.exitCode() != 0) { // a build both refuse is the same outcome
            return d.exitCode() != 0 && j.exitCode() != 0 ? List.of()
                    : List.of(d.exitCode() != 0 ? "only docker failed: " + d.out().strip() : "only jbuild failed: " + j.err().strip());
        }
        List<String> differences = new ArrayList<>(differences(entries(dockerTar), entries(jbuildTar)));
        Result tagged = docker("build", "--network", "host", "-q", "-f", dockerfile, "-t", name, context);
        JsonNode dockerConfig = new ObjectMapper().readTree(docker("image", "inspect", name).out()).get(0).get("Config");
        JsonNode jbuildConfig = new ObjectMapper().readTree(JbuildProcess.okInStore(store, "inspect", name).out()).get(0).get("Config");
        for (String field : CONFIG_FIELDS) {
            JsonNode want = normalized(dockerConfig.get(field));
            JsonNode got = normalized(jbuildConfig.get(field));
            if (!want.equals(got)) {
                differences.add("config " + field + ": docker " + want + ", jbuild " + got);
            }
        }
        assertEquals(0, tagged.exitCode(), tagged.out());
        return differences;
    }

    /** Empty and absent are one. */
    private static JsonNode normalized(JsonNode n) {
        boolean empty = n == null || n.isNull() || (n.isContainerNode() && n.isEmpty()) || (n.isTextual() && n.asText().isEmpty());
        return empty ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : n;
    }

    private static List<String> differences(Map<String, String> docker, Map<String, String> jbuild) {
        List<String> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(docker.keySet());
        paths.addAll(jbuild.keySet());
        for (String p : paths) {
            String want = docker.get(p);
            String got = jbuild.get(p);
            if (want == null) {
                out.add("/" + p + ": only jbuild has it (" + got + ")");
            } else if (got == null) {
                out.add("/" + p + ": only docker has it (" + want + ")");
            } else if (!want.equals(got)) {
                out.add("/" + p + ": docker " + want + ", jbuild " + got);
            }
        }
        return out;
    }

    /** Each entry of a file-system tar as one comparable line: type, mode, owner, size, content digest, link target, xattrs. */
    private static Map<String, String> entries(Path tar) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                String path = e.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
                if (path.isEmpty() || path.equals(".")) {
                    continue;
                }
                String type = e.isDirectory() ? "dir" : e.isSymbolicLink() ? "link" : e.isLink() ? "hardlink" : e.isFile() ? "file"
                        : "special";
                StringBuilder b = new StringBuilder(type).append(' ').append(Integer.toOctalString(e.getMode() & 07777))
                        .append(' ').append(e.getLongUserId()).append(':').append(e.getLongGroupId());
                if (e.isFile()) {
                    b.append(" size=").append(e.getSize()).append(" sha256=").append(sha256(t));
                }
                if (e.isSymbolicLink() || e.isLink()) {
                    b.append(" -> ").append(e.getLinkName());
                }
                Map<String, String> xattrs = new TreeMap<>();
                e.getExtraPaxHeaders().forEach((k, v) -> {
                    if (k.startsWith("SCHILY.xattr.")) {
                        xattrs.put(k.substring(13), v);
                    }
                });
                if (!xattrs.isEmpty()) {
                    b.append(" xattrs=").append(xattrs);
                }
                entries.put(path, b.toString());
            }
        }
        return entries;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
