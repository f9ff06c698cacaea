package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jbuild info says what was detected on this very host: the mapping it runs with, overlay tried for real. */
class InfoIT {
    @TempDir
    Path store;

    @Test
    void infoTellsTheIsolationTheMappingAndWhereFilesAre() throws Exception {
        Result r = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), null, JbuildProcess.PROJECT, "info");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("jbuild version "), r.out());
        assertTrue(lines.contains("Store:             " + store), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Overlay:           yes (kernel overlay")), r.out());
        String uid = Fixtures.exec("id", "-u").out().trim();
        String isolation = lines.stream().filter(l -> l.startsWith("Isolation:")).findFirst().orElseThrow();
        String mapping = lines.stream().filter(l -> l.startsWith("User namespace:")).findFirst().orElseThrow();
        if (uid.equals("0")) {
            assertTrue(isolation.contains("root: "), r.out());
        } else {
            assertTrue(mapping.contains("uid map 0:" + uid + ":1"), "uid 0 inside is the caller: " + r.out());
            assertTrue(isolation.contains("rootless"), r.out());
        }
        assertEquals(r.out(), JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), null, JbuildProcess.PROJECT,
                "system", "info").out(), "system info is the same command");
    }
}
