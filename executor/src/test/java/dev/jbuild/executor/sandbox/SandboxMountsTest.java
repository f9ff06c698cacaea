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
        return new SandboxSpec(dir, dir.resolve("merged"), List.of("true"), List.of(), "/", UserIds.root(), "box", false, volumes, init, false);
    }

    @Test
    void writesWhatSandboxShMountsInOrderWithEscapedPaths(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("tini");
        SandboxMounts.write(spec(dir, List.of(new Volume("/host dir", "/data\tx", true), Volume.tmpfs("/tmp")), init));
        String m = dir.resolve("merged").toString();
        assertEquals(List.of("proc " + m + "/proc proc nosuid,nodev,noexec 0 0", "tmpfs " + m + "/dev tmpfs nosuid,mode=755,size=65536k 0 0"),
                Files.readAllLines(dir.resolve("fstab.base")));
        List<String> top = Files.readAllLines(dir.resolve("fstab"));
        assertEquals("/dev/null " + m + "/dev/null none bind 0 0", top.get(0));
        assertEquals("devpts " + m + "/dev/pts devpts newinstance,ptmxmode=0666,mode=0620 0 0", top.get(6));
        assertEquals("/sys " + m + "/sys none rbind 0 0", top.get(8));
        assertEquals(dir + "/hosts " + m + "/etc/hosts none bind 0 0", top.get(9));
        assertEquals("/host\\040dir " + m + "/data\\011x none rbind,ro 0 0", top.get(12));
        assertEquals("tmpfs " + m + "/tmp tmpfs nosuid,nodev,mode=1777 0 0", top.get(13));
        assertEquals(init + " " + m + "/dev/init none bind 0 0", top.get(14));
        assertEquals(15, top.size());
        Path dev = dir.resolve("dev.skeleton");
        assertTrue(Files.isRegularFile(dev.resolve("null")) && Files.isRegularFile(dev.resolve("init")));
        assertTrue(Files.isDirectory(dev.resolve("pts")) && Files.isDirectory(dev.resolve("shm")));
        assertEquals(Path.of("/proc/self/fd/1"), Files.readSymbolicLink(dev.resolve("stdout")));
    }

    @Test
    void aSecondRunWithoutInitLeavesNoInitFile(@TempDir Path dir) throws Exception {
        SandboxMounts.write(spec(dir, List.of(), dir.resolve("tini")));
        SandboxMounts.write(spec(dir, List.of(), null));
        assertFalse(Files.exists(dir.resolve("dev.skeleton/init"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(12, Files.readAllLines(dir.resolve("fstab")).size());
    }
}
