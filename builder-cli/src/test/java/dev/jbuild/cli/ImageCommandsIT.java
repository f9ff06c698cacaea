package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, images, tag, rmi, inspect, history through the real launcher, on a store of the test's own. */
class ImageCommandsIT {
    @TempDir
    Path store;
    private String busyboxId;

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), null, JbuildProcess.PROJECT, args);
    }

    private Result ok(String... args) throws Exception {
        Result r = jbuild(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @BeforeEach
    void importBusybox() throws Exception {
        busyboxId = ok("import", Fixtures.busyboxTar().toString(), "busybox:latest").out().trim();
        assertTrue(busyboxId.matches("sha256:[a-f0-9]{64}"), busyboxId);
    }

    @Test
    void imagesShowsDockerColumns() throws Exception {
        List<String> lines = ok("images").out().lines().toList();
        assertTrue(lines.get(0).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE"), lines.get(0));
        assertTrue(lines.get(1).matches("busybox +latest +" + busyboxId.substring(7, 19)
                + " +(Less than a second|\\d+ seconds?) ago +\\d(\\.\\d+)?MB"), lines.get(1));
        assertEquals(busyboxId.substring(7, 19) + "\n", ok("images", "-q").out());
        assertEquals(busyboxId + "\n", ok("images", "-q", "--no-trunc").out());
        assertTrue(ok("images", "--digests").out().lines().skip(1).findFirst().orElseThrow()
                .matches("busybox +latest +sha256:[a-f0-9]{64} +.*"));
        JsonNode json = new ObjectMapper().readTree(ok("images", "--format", "json").out());
        assertEquals("busybox", json.get("Repository").asText());
        assertEquals(busyboxId.substring(7, 19), json.get("ID").asText());
    }

    @Test
    void readingAStoreNotYetMadeMakesNothing() throws Exception {
        Path none = store.resolve("not-yet");
        Result images = JbuildProcess.inStore(none, "images");
        assertEquals(0, images.exitCode(), images::toString);
        assertEquals(1, images.out().lines().count(), images.out()); // the header
        Result inspect = JbuildProcess.inStore(none, "inspect", "busybox");
        assertEquals(1, inspect.exitCode(), inspect::toString);
        assertTrue(inspect.err().contains("busybox"), inspect.err());
        assertFalse(Files.exists(none), "images and inspect only read the store");
    }

    @Test
    void tagFilterAndUniquePrefix() throws Exception {
        ok("tag", busyboxId.substring(7, 11), "reg.example/tools/bb:1.36");
        String images = ok("images").out();
        assertTrue(images.contains("\nreg.example/tools/bb   1.36   "), images);
        assertEquals(List.of("reg.example/tools/bb"), ok("images", "--filter", "reference=reg.example/*/*")
                .out().lines().skip(1).map(l -> l.split(" +")[0]).toList());
        assertEquals(1, ok("images", "--filter", "dangling=true").out().lines().count(), "only the header");
    }

    @Test
    void rmiUntagsThenDeletes() throws Exception {
        ok("tag", "busybox", "bb:2");
        Result refused = jbuild("rmi", busyboxId.substring(7, 19));
        assertEquals(1, refused.exitCode(), refused::toString);
        assertEquals("jbuild: rmi: conflict: unable to delete " + busyboxId.substring(7, 19)
                + " (must be forced) - image is referenced in multiple repositories\n", refused.err());
        assertEquals("Untagged: bb:2\n", ok("rmi", "bb:2").out());
        assertEquals("Untagged: busybox:latest\nDeleted: " + busyboxId + "\n", ok("rmi", "busybox").out());
        assertEquals(1, ok("images").out().lines().count());
        try (var blobs = Files.list(store.resolve("blobs/sha256"))) {
            assertEquals(0, blobs.count(), "every blob of the image is gone");
        }
        Result missing = jbuild("rmi", "busybox");
        assertEquals("jbuild: rmi: no such image: busybox\n", missing.err());
        assertEquals(1, missing.exitCode());
    }

    @Test
    void inspectAndHistory() throws Exception {
        ok("import", "--change", "CMD [\"sh\"]", "--change", "ENV GREETING=hi", "-c", "WORKDIR /tmp",
                "-m", "made for a test", Fixtures.busyboxTar().toString(), "bb:cmd");
        JsonNode image = new ObjectMapper().readTree(ok("inspect", "bb:cmd").out()).get(0);
        assertEquals("[\"bb:cmd\"]", image.get("RepoTags").toString());
        assertEquals("[\"sh\"]", image.get("Config").get("Cmd").toString());
        assertEquals("/tmp", image.get("Config").get("WorkingDir").asText());
        assertTrue(image.get("Config").get("Env").toString().contains("GREETING=hi"));
        assertEquals("layers", image.get("RootFS").get("Type").asText());
        assertEquals(1, image.get("RootFS").get("Layers").size());
        assertTrue(image.get("Size").asLong() > 500_000);
        List<String> history = ok("history", "bb:cmd").out().lines().toList();
        assertTrue(history.get(0).matches("IMAGE +CREATED +CREATED BY +SIZE +COMMENT"), history.get(0));
        assertTrue(history.get(1).matches("[a-f0-9]{12} +.* ago +jbuild import busybox.tar +\\d.*MB +made for a test"),
                history.get(1));
    }

    @Test
    void badInputIsAOneLineError(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an archive\n".repeat(100));
        Result r = jbuild("import", text.toString(), "x");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("jbuild: import: " + text + ": not a tar archive\n", r.err());
        assertEquals("jbuild: import: /nonexistent.tar: no such file\n", jbuild("import", "/nonexistent.tar").err());
        assertEquals("jbuild: invalid reference format \"Bad:Name\": invalid repository name \"Bad\" (lower case letters, digits and . _ - separators)\n",
                jbuild("tag", "busybox", "Bad:Name").err());
        assertEquals("jbuild: inspect: no such image: nothere\n", jbuild("inspect", "nothere").err());
        assertEquals("jbuild: import: invalid change \"FROM x\": only CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME and WORKDIR can be changed here\n",
                jbuild("import", "-c", "FROM x", Fixtures.busyboxTar().toString()).err());
        assertFalse(ok("images").out().contains("<none>"), "failed imports leave no image");
    }

    @Test
    void importFromStandardInputWithoutName() throws Exception {
        Result r = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), Files.readAllBytes(Fixtures.busyboxTar()),
                JbuildProcess.PROJECT, "import", "-");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(busyboxId.substring(0, 7), r.out().substring(0, 7));
        assertTrue(ok("images").out().contains("<none>"), "an unnamed import is listed as <none>");
    }

    @Test
    void whatAnInterruptedPruneLeftIsShownAsReclaimableAndTheNextPruneTakesIt() throws Exception {
        assertTrue(ok("system", "df").out().lines().anyMatch(l -> l.matches("Unreferenced Blobs +0 +0 +0B +0B")));
        // A prune killed after it removed the names and before it deleted the blobs leaves this store.
        Files.writeString(store.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
        String df = ok("system", "df").out();
        assertTrue(df.lines().anyMatch(l -> l.matches("Unreferenced Blobs +3 +0 +\\d(\\.\\d+)?MB +\\d(\\.\\d+)?MB \\(100%\\)")), df);
        ok("system", "prune", "-f");
        assertTrue(ok("system", "df").out().lines().anyMatch(l -> l.matches("Unreferenced Blobs +0 +0 +0B +0B")));
        try (var blobs = Files.list(store.resolve("blobs/sha256"))) {
            assertEquals(0, blobs.count());
        }
    }

    @Test
    void diskUsageAndPrune() throws Exception {
        String df = ok("system", "df").out();
        assertTrue(df.startsWith("TYPE "), df);
        assertTrue(df.lines().anyMatch(l -> l.matches("Images +1 +0 +\\d(\\.\\d+)?MB +\\d(\\.\\d+)?MB \\(100%\\)")), df);
        assertTrue(df.lines().anyMatch(l -> l.matches("Build Cache +0 +0 +0B +0B")), df);

        ok("import", "-c", "ENV V=2", Fixtures.busyboxTar().toString(), "busybox:latest"); // the first becomes dangling
        String asked = ok("image", "prune").out();
        assertTrue(asked.startsWith("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] "), asked);
        assertEquals(2, ok("images", "-q").out().lines().count(), "no answer means no");

        String pruned = ok("image", "prune", "-f").out();
        assertEquals("Deleted Images:\ndeleted: " + busyboxId + "\n\nTotal reclaimed space: ", pruned.substring(0, pruned.lastIndexOf(' ') + 1));
        assertEquals(1, ok("images", "-q").out().lines().count());

        String all = ok("system", "prune", "-a", "-f").out();
        assertTrue(all.startsWith("Deleted Images:\nuntagged: busybox:latest\ndeleted: sha256:"), all);
        try (var blobs = Files.list(store.resolve("blobs/sha256"))) {
            assertEquals(0, blobs.count());
        }
    }
}
