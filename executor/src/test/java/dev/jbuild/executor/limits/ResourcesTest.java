package dev.jbuild.executor.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --ulimit and --shm-size as docker takes them. */
class ResourcesTest {
    @Test
    void readsDockersForms() {
        Resources r = Resources.parse(List.of("nofile=1024:2048", "NPROC=50", "core=-1"), "128m");
        assertEquals("nofile=1024:2048,nproc=50:50,core=-1:-1", r.sandboxUlimits());
        assertEquals(128L << 20, r.shmBytes());
        assertEquals(64L << 20, Resources.parse(List.of(), null).shmBytes());
        assertEquals(1L << 30, Resources.parse(List.of(), "1g").shmBytes());
        assertEquals(4096, Resources.parse(List.of(), "4096").shmBytes());
    }

    @Test
    void badValuesAreOneLineNamingThem() {
        for (String bad : List.of("files=10", "nofile", "nofile=abc", "nofile=10:5", "nofile=1:2:3")) {
            SandboxException e = assertThrows(SandboxException.class, () -> Ulimit.parse(bad));
            assertEquals(true, e.getMessage().startsWith("invalid --ulimit " + bad + ": "), e.getMessage());
        }
        assertEquals("invalid --shm-size lots: expected a size such as 64m",
                assertThrows(SandboxException.class, () -> Resources.parse(List.of(), "lots")).getMessage());
    }
}
