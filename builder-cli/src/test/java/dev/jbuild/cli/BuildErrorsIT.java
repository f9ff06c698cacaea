package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A Dockerfile's mistakes are one line naming Dockerfile:LINE, never "internal error". */
class BuildErrorsIT extends BusyboxStoreTest {
    private void failsAt(String dockerfile, int line, String words) throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Result r = JbuildProcess.inStore(store, "build", "-q", ctx.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("Dockerfile:" + line + ":") && r.err().contains(words), r::toString);
        assertFalse(r.err().contains("internal error"), r::toString);
    }

    @Test
    void aQuoteLeftOpenInEnvOrLabelNamesItsLine() throws Exception {
        failsAt("FROM busybox\nENV name='a\\'b'\n", 2, "failed to process");
        failsAt("FROM busybox\nLABEL x=\"open\n", 2, "failed to process");
    }

    @Test
    void aDirectoryCopiedOntoALinkIsRefusedAsBuildKitRefusesIt() throws Exception {
        Files.createDirectories(ctx.resolve("tree1/directory"));
        Files.createSymbolicLink(ctx.resolve("tree1/maybe-directory"), Path.of("directory"));
        Files.createDirectories(ctx.resolve("tree2/maybe-directory"));
        Files.writeString(ctx.resolve("tree2/maybe-directory/file"), "x");
        failsAt("FROM busybox\nCOPY tree1/ /\nCOPY tree2/ /\n", 3, "COPY failed: cannot copy to non-directory: /maybe-directory");
    }
}
