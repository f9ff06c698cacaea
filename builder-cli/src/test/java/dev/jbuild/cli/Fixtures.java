package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/** Test fixtures made locally: the busybox root file system, one-file tars, and peer tools (skopeo, umoci). */
final class Fixtures {
    private static Path busyboxTar;

    private Fixtures() {
    }

    /** testdata/busybox/rootfs.sh's tarball, made once per test JVM. */
    static synchronized Path busyboxTar() throws IOException, InterruptedException {
        if (busyboxTar == null) {
            Path dir = Files.createTempDirectory("jbuild-fixture");
            Path tar = dir.resolve("busybox.tar");
            Process p = new ProcessBuilder(JbuildProcess.PROJECT.resolve("testdata/busybox/rootfs.sh").toString(),
                    tar.toString()).inheritIO().start();
            assertEquals(0, p.waitFor(), "testdata/busybox/rootfs.sh failed");
            busyboxTar = tar;
        }
        return busyboxTar;
    }

    /** A peer tool: CI installs it, so there its absence fails; elsewhere the test is skipped, saying why. */
    static void requireTool(String tool) {
        boolean present = List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed, and CI must check interop with it");
        }
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install " + tool + ")");
    }

    /** Runs a command to completion; returns its exit code and combined output. */
    static JbuildProcess.Result exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new JbuildProcess.Result(p.waitFor(), out, "");
    }

    /**
     * skopeo SUBCOMMAND --authfile F ARGS: an empty auth file of the tests' own, so that skopeo never reads
     * the host's (/run/containers/UID/auth.json, which a root that used podman leaves unreadable).
     */
    static JbuildProcess.Result skopeo(String subcommand, String... args) throws IOException, InterruptedException {
        Path auth = skopeoAuthFile();
        String[] command = new String[args.length + 4];
        command[0] = "skopeo";
        command[1] = subcommand;
        command[2] = "--authfile";
        command[3] = auth.toString();
        System.arraycopy(args, 0, command, 4, args.length);
        return exec(command);
    }

    private static Path skopeoAuth;

    private static synchronized Path skopeoAuthFile() throws IOException {
        if (skopeoAuth == null) {
            skopeoAuth = Files.createTempFile("skopeo-auth", ".json");
            Files.writeString(skopeoAuth, "{\"auths\":{}}");
            skopeoAuth.toFile().deleteOnExit();
        }
        return skopeoAuth;
    }

    /** A tar at {@code file} holding one file, {@code name} (taken as written: ../ included), with {@code content}. */
    static Path tarOfOneFile(Path file, String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            out.putArchiveEntry(e);
            out.write(data);
            out.closeArchiveEntry();
        }
        Files.write(file, bytes.toByteArray());
        assertArrayEquals(bytes.toByteArray(), Files.readAllBytes(file));
        return file;
    }
}
