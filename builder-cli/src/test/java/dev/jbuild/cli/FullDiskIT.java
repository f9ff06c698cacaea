package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: a store on a 300 KiB tmpfs mounted inside jbuild's namespace. The pull
 * fails at once with one line naming the file and ENOSPC (not retried: the disk will not empty
 * itself), and removes its partial temp files before it exits.
 */
class FullDiskIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @TempDir
    Path work;

    @Test
    void aPullOntoAFullDiskFailsOnceAndLeavesNothingBehind() throws Exception {
        Path store = work.resolve("store");
        JbuildProcess.okInStore(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        String image = REGISTRY.host() + "/full/busybox:1";
        JbuildProcess.okInStore(store, "push", "busybox", image);
        Path small = Files.createDirectory(work.resolve("small"));
        String script = "mount -t tmpfs -o size=300k tmpfs \"$1\" && JBUILD_ROOT=\"$1/store\" \"$2\" pull \"$3\";"
                + " echo \"exit=$?\"; ls -A \"$1/store/tmp\" | wc -l; umount \"$1\"";
        Result r = JbuildProcess.okInStore(store, "unshare", "sh", "-c", script, "full",
                small.toString(), JbuildProcess.LAUNCHER.toString(), image);
        List<String> out = r.out().lines().toList();
        assertTrue(out.contains("exit=1"), r::toString);
        assertEquals("0", out.get(out.size() - 1).trim(), "no temp file left: " + r);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("jbuild:")).toList();
        assertEquals(1, errors.size(), r::toString);
        assertTrue(errors.get(0).contains("No space left on device"), r::toString);
        assertFalse(errors.get(0).contains("times") || errors.get(0).contains("Exception"), r::toString);
        long fetches = REGISTRY.countRequests("GET", "/v2/full/busybox/blobs/sha256:");
        assertTrue(fetches >= 1 && fetches <= 2, "config and layer fetched once each, not retried: " + fetches);
    }
}
