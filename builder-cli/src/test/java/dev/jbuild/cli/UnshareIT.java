package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jbuild unshare}: the namespace the launcher enters. What is expected depends on who runs the
 * suite (CI runs it as an unprivileged user with a subuid range, and runs the root case itself).
 */
class UnshareIT {

    private static long uid() throws Exception {
        return (Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
    }

    private static List<List<String>> mapping(String text) {
        return text.lines().map(l -> List.of(l.trim().split("\\s+"))).toList();
    }

    /** The caller's range from /etc/subuid, as "start count", or null. */
    private static String subuidRange() throws Exception {
        String name = System.getProperty("user.name");
        Path subuid = Paths.get("/etc/subuid");
        if (!Files.isReadable(subuid)) {
            return null;
        }
        for (String line : Files.readAllLines(subuid)) {
            String[] f = line.split(":");
            if (f.length == 3 && (f[0].equals(name) || f[0].equals(Long.toString(uid())))) {
                return f[1] + " " + f[2];
            }
        }
        return null;
    }

    @Test
    void mapsTheCallerToRootAndTheSubuidRangeAbove() throws Exception {
        Result r = JbuildProcess.run("unshare", "cat", "/proc/self/uid_map");
        assertEquals(0, r.exitCode(), r::toString);
        long uid = uid();
        List<List<String>> map = mapping(r.out());
        if (uid == 0) {
            assertEquals(List.of(List.of("0", "0", "4294967295")), map, "root keeps the initial user namespace");
            return;
        }
        assertEquals(List.of("0", Long.toString(uid), "1"), map.get(0));
        String range = subuidRange();
        if (range == null) {
            assertEquals(1, map.size(), "without a subuid range only the caller is mapped");
        } else {
            String[] startCount = range.split(" ");
            long count = Math.min(65536, Long.parseLong(startCount[1]));
            assertEquals(List.of("1", startCount[0], Long.toString(count)), map.get(1));
        }
    }

    @Test
    void withoutASubuidRangeOnlyTheCallerIsMapped(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("subuid"));
        Result r = JbuildProcess.run(Map.of("JBUILD_SUBUID_FILE", empty.toString()), null, JbuildProcess.PROJECT,
                "unshare", "cat", "/proc/self/uid_map");
        assertEquals(0, r.exitCode(), r::toString);
        if (uid() != 0) {
            assertEquals(List.of(List.of("0", Long.toString(uid()), "1")), mapping(r.out()));
        }
    }

    @Test
    void runsInItsOwnMountNamespaceAndReturnsTheExitCode() throws Exception {
        String outside = Files.readSymbolicLink(Paths.get("/proc/self/ns/mnt")).toString();
        Result r = JbuildProcess.run("unshare", "sh", "-c", "readlink /proc/self/ns/mnt; id -u; exit 7");
        assertEquals(7, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertNotEquals(outside, lines.get(0));
        assertEquals("0", lines.get(1), "the caller is root inside");
    }

    @Test
    void commandNotFoundIs127() throws Exception {
        Result r = JbuildProcess.run("unshare", "no-such-command-xyz");
        assertEquals(127, r.exitCode(), r::toString);
        assertEquals("jbuild: unshare: cannot run no-such-command-xyz: command not found\n", r.err());
    }

    @Test
    void notExecutableIs126(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");
        Result r = JbuildProcess.run("unshare", script.toString());
        assertEquals(126, r.exitCode(), r::toString);
        assertEquals("jbuild: unshare: cannot run " + script + ": not an executable file\n", r.err());
    }

    @Test
    void filesChownedInsideKeepTheirOwnerThere(@TempDir Path dir) throws Exception {
        if (uid() != 0 && subuidRange() == null) {
            return; // a single-uid mapping cannot chown to 42
        }
        Path f = Files.createFile(dir.resolve("f"));
        Result r = JbuildProcess.run("unshare", "sh", "-c", "chown 42:42 " + f + " && stat -c %u:%g " + f);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("42:42\n", r.out());
        assertTrue(uid() == 0 || (Integer) Files.getAttribute(f, "unix:uid") != 42,
                "outside, the file belongs to a subordinate uid");
    }
}
