package dev.jbuild.cli.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The live view's byte counts of blobs moving during a build (the rest is tested in a real terminal, ProgressIT). */
class TtyProgressTest {

    @Test
    void blobsInFlightAreShownLiveUntilTheirLastByte() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TtyProgress view = new TtyProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100);
        view.step("", 1, 2, "FROM reg.example/base:1");
        view.transfer("1a2b3c4d5e6f", 500_000, 2_000_000);
        view.message("1: Pulling from reg.example/base");
        String live = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(live.contains(" => 1a2b3c4d5e6f 0.5MB / 2.0MB\n"), live);

        view.transfer("1a2b3c4d5e6f", 2_000_000, 2_000_000);
        bytes.reset();
        view.message("1a2b3c4d5e6f: Pull complete");
        String after = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(after.contains("1a2b3c4d5e6f: Pull complete\n"), after);
        assertFalse(after.contains("MB / 2.0MB"), "gone from the live region once all its bytes went: " + after);
        view.finish();
    }
}
