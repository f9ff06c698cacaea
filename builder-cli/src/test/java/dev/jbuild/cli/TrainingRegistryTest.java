package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data training's registry takes what jbuild pushes and gives it back to a pull, unchanged. */
class TrainingRegistryTest {
    private static final Pattern ID = Pattern.compile("\"Id\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");

    @Test
    void jbuildPushesToItTwiceAndPullsTheSameImageBack(@TempDir Path dir) throws Exception {
        Path tar = Fixtures.tarOfOneFile(dir.resolve("layer.tar"), "file.txt", "trained\n");
        String store = dir.resolve("store").toString();
        try (TrainingRegistry registry = new TrainingRegistry()) {
            String remote = registry.address() + "/training/image:1";
            assertEquals(0, Main.run("--root", store, "import", tar.toString(), "image"));
            String pushedId = imageId(store, "image");
            assertEquals(0, Main.run("--root", store, "push", "image", remote));
            assertEquals(0, Main.run("--root", store, "push", "image", remote)); // again: it has everything
            assertEquals(0, Main.run("--root", store, "rmi", "image"));
            assertEquals(0, Main.run("--root", store, "pull", remote));
            assertEquals(pushedId, imageId(store, remote));
        }
    }

    private static String imageId(String store, String image) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("--root", store, "inspect", image));
        } finally {
            System.setOut(stdout);
        }
        Matcher m = ID.matcher(printed.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), printed::toString);
        return m.group(1);
    }
}
