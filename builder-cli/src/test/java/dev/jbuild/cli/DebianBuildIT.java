package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow (about a minute with a warm mirror): a real Debian made by debootstrap, then
 * testdata/debian/Dockerfile — apt-get update and install from Debian's mirror, useradd, USER, su —
 * built and run rootless. The tarball comes from JBUILD_DEBIAN_ROOTFS (CI's test.sh makes it as
 * root with testdata/debian/rootfs.sh); under CI=true its absence fails the test.
 */
@Tag("slow")
class DebianBuildIT {
    @TempDir
    Path work;

    @Test
    void aDebianImageWithAptUseraddAndSuBuildsAndRuns() throws Exception {
        String rootfs = System.getenv("JBUILD_DEBIAN_ROOTFS");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)), "CI must provide JBUILD_DEBIAN_ROOTFS (scripts/test.sh makes it)");
        }
        Assumptions.assumeTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)),
                "no Debian root file system: sudo testdata/debian/rootfs.sh /tmp/debian.tar; export JBUILD_DEBIAN_ROOTFS=/tmp/debian.tar");
        Path store = work.resolve("store");
        Map<String, String> env = Map.of("JBUILD_ROOT", store.toString());
        try {
            assertEquals(0, JbuildProcess.run(env, null, JbuildProcess.PROJECT, "import", rootfs, "debian:bookworm").exitCode());
            Result build = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "build", "-t", "debhello:1", "testdata/debian");
            assertEquals(0, build.exitCode(), build::toString);
            assertTrue(build.out().contains("Setting up hello"), "apt-get installed the package: " + build.out());
            Result hello = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "run", "--rm", "debhello:1");
            assertEquals("Hello, world!\n", hello.out(), hello::toString);
            Result files = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "run", "--rm", "debhello:1", "sh", "-c",
                    "cat /home/app/me /su-check /bash-check; stat -c '%u:%g %n' /home/app/greeting; id -u app");
            assertEquals("app\napp\nbeta\n1000:1000 /home/app/greeting\n1000\n", files.out(), files::toString);
        } finally {
            JbuildProcess.run(env, null, JbuildProcess.PROJECT, "unshare", "rm", "-rf", store.toString());
        }
    }
}
