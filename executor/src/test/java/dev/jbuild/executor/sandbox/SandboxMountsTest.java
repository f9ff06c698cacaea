package dev.jbuild.executor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMountsTest {

    private static SandboxSpec spec(Path dir, List<Volume> volumes, Path init) {
        return new SandboxSpec(dir, dir.resolve("merged"), List.of("true"), List.of(), "/", UserIds.root(), "box", dev.jbuild.executor.network.ContainerNetwork.HOST, volumes, init, false, true,
                dev.jbuild.executor.limits.Resources.DEFAULT);
    }

    @Test
    void writesWhatTheSandboxMountsInOrderWithEscapedPaths(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("tini");
        SandboxMounts.write(spec(dir, List.of(new Volume("/host dir", "/data\tx", true), Volume.tmpfs("/tmp")), init));
        String m = dir.resolve("merged").toString();
        List<String> mounts = Files.readAllLines(dir.resolve("fstab"));
        assertEquals("proc " + m + "/proc proc nosuid,nodev,noexec 0 0", mounts.get(0));
        assertEquals(dir + "/dev " + m + "/dev none bind,nosuid 0 0", mounts.get(1));
        assertEquals("/dev/null " + m + "/dev/null none bind 0 0", mounts.get(2));
        assertEquals("devpts " + m + "/dev/pts devpts newinstance,ptmxmode=0666,mode=0620 0 0", mounts.get(8));
        assertEquals("/sys " + m + "/sys none rbind,ro,nosuid,nodev,noexec 0 0", mounts.get(10));
        assertEquals(dir + "/hosts " + m + "/etc/hosts none bind 0 0", mounts.get(11));
        assertEquals("/host\\040dir " + m + "/data\\011x none rbind,ro 0 0", mounts.get(14));
        assertEquals("tmpfs " + m + "/tmp tmpfs nosuid,nodev,mode=1777 0 0", mounts.get(15));
        assertEquals(init + " " + m + "/dev/init none bind 0 0", mounts.get(16));
        assertEquals(17, mounts.size());
        Path dev = dir.resolve("dev");
        assertTrue(Files.isRegularFile(dev.resolve("null")) && Files.isRegularFile(dev.resolve("init")));
        assertTrue(Files.isDirectory(dev.resolve("pts")) && Files.isDirectory(dev.resolve("shm")));
        assertEquals(Path.of("/proc/self/fd/1"), Files.readSymbolicLink(dev.resolve("stdout")));
    }

    @Test
    void volumesBelowDevGetTheirMountPointsInTheContainersDev(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "s");
        SandboxMounts.write(spec(dir, List.of(Volume.tmpfs("/dev/q/cache"), new Volume(file.toString(), "/dev/x/key", true)), null));
        assertTrue(Files.isDirectory(dir.resolve("dev/q/cache")));
        assertTrue(Files.isRegularFile(dir.resolve("dev/x/key")));
        SandboxException throughLink = org.junit.jupiter.api.Assertions.assertThrows(SandboxException.class,
                () -> SandboxMounts.write(spec(dir, List.of(Volume.tmpfs("/dev/fd/9")), null)));
        assertEquals("cannot mount a volume on /dev/fd/9: /dev/fd is a link", throughLink.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(SandboxException.class,
                () -> SandboxMounts.write(spec(dir, List.of(Volume.tmpfs("/dev/../etc")), null)));
    }

    @Test
    void aSecondRunWithoutInitLeavesNoInitFile(@TempDir Path dir) throws Exception {
        SandboxMounts.write(spec(dir, List.of(), dir.resolve("tini")));
        SandboxMounts.write(spec(dir, List.of(), null));
        assertFalse(Files.exists(dir.resolve("dev/init"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(14, Files.readAllLines(dir.resolve("fstab")).size());
    }
}
