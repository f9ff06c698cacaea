package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save and load: jbuild's archives read by skopeo and by jbuild, and skopeo's archives loaded by jbuild. */
class SaveLoadIT {
    @TempDir
    Path work;
    private Path store;
    private Path other;
    private String id;

    @BeforeEach
    void image() throws Exception {
        store = work.resolve("store");
        other = work.resolve("other");
        id = JbuildProcess.okInStore(store, "import", "-c", "CMD [\"sh\"]", Fixtures.busyboxTar().toString(), "busybox:latest").out().trim();
        JbuildProcess.okInStore(store, "tag", "busybox", "reg.example/bb:2");
    }

    @Test
    void dockerArchiveRoundTripAndSkopeo() throws Exception {
        Path archive = work.resolve("images.tar");
        JbuildProcess.okInStore(store, "save", "-o", archive.toString(), "busybox", "reg.example/bb:2");
        assertEquals("Loaded image: busybox:latest\nLoaded image: reg.example/bb:2\n",
                JbuildProcess.okInStore(other, "load", "-i", archive.toString()).out());
        assertEquals(id + "\n", JbuildProcess.okInStore(other, "images", "-q", "--no-trunc", "busybox").out().lines().findFirst().orElseThrow() + "\n");
        Fixtures.requireTool("skopeo");
        Result inspect = Fixtures.skopeo("inspect", "--config", "docker-archive:" + archive);
        assertEquals(0, inspect.exitCode(), inspect::toString);
        assertEquals("[\"sh\"]", new ObjectMapper().readTree(inspect.out()).get("config").get("Cmd").toString());
    }

    @Test
    void ociArchiveRoundTripAndSkopeo() throws Exception {
        Path archive = work.resolve("oci.tar");
        JbuildProcess.okInStore(store, "save", "--format", "oci-archive", "-o", archive.toString(), "busybox");
        assertEquals("Loaded image: busybox:latest\n", JbuildProcess.okInStore(other, "load", "-i", archive.toString()).out());
        Fixtures.requireTool("skopeo");
        Result inspect = Fixtures.skopeo("inspect", "--config", "oci-archive:" + archive);
        assertEquals(0, inspect.exitCode(), inspect::toString);
        Result copy = Fixtures.skopeo("copy", "oci-archive:" + archive, "oci:" + work.resolve("layout") + ":x");
        assertEquals(0, copy.exitCode(), copy::toString);
    }

    @Test
    void archivesWrittenBySkopeoLoad() throws Exception {
        Fixtures.requireTool("skopeo");
        String source = "oci:" + store + ":docker.io/library/busybox:latest";
        Path docker = work.resolve("skopeo-docker.tar");
        Path oci = work.resolve("skopeo-oci.tar");
        assertEquals(0, Fixtures.skopeo("copy", source, "docker-archive:" + docker + ":sk/docker:1").exitCode());
        assertEquals(0, Fixtures.skopeo("copy", source, "oci-archive:" + oci + ":sk/oci:1").exitCode());
        assertEquals("Loaded image: sk/docker:1\n", JbuildProcess.okInStore(other, "load", "-i", docker.toString()).out());
        assertEquals("Loaded image: sk/oci:1\n", JbuildProcess.okInStore(other, "load", "-i", oci.toString()).out());
        String images = JbuildProcess.okInStore(other, "images").out();
        assertTrue(images.contains("sk/docker ") && images.contains("sk/oci "), images);
        assertEquals(0, JbuildProcess.inStore(other, "inspect", "sk/oci:1").exitCode());
    }

    @Test
    void saveToStandardOutputAndLoadFromStandardInput() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(JbuildProcess.LAUNCHER.toString(), "save", "busybox");
        pb.environment().put("JBUILD_ROOT", store.toString());
        Process p = pb.start();
        byte[] archive = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        Result loaded = JbuildProcess.run(Map.of("JBUILD_ROOT", other.toString()), archive, JbuildProcess.PROJECT, "load");
        assertEquals("Loaded image: busybox:latest\n", loaded.out(), loaded::toString);
    }

    @Test
    void badArchivesAreRefusedAndNothingIsStored() throws Exception {
        Path text = Files.writeString(work.resolve("notes.txt"), "hello\n");
        Result r = JbuildProcess.inStore(other, "load", "-i", text.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("jbuild: load: " + text + ": not a tar archive, or an empty one\n", r.err());

        Path escape = Fixtures.tarOfOneFile(work.resolve("escape.tar"), "../../etc/evil", "boom");
        assertEquals("jbuild: load: " + escape + ": entry ../../etc/evil points outside the archive\n",
                JbuildProcess.inStore(other, "load", "-i", escape.toString()).err());
        assertTrue(!Files.exists(work.resolve("etc/evil")));

        // A docker-archive whose layer was swapped: its diffID no longer matches the config.
        Path good = work.resolve("good.tar");
        JbuildProcess.okInStore(store, "save", "-o", good.toString(), "busybox");
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        assertEquals(0, Fixtures.exec("tar", "-C", unpacked.toString(), "-xf", good.toString()).exitCode());
        String layer = new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile()).get(0).get("Layers").get(0).asText();
        Path other2 = Fixtures.tarOfOneFile(work.resolve("inner.tar"), "x", "y");
        Files.copy(other2, unpacked.resolve(layer), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path bad = work.resolve("bad.tar");
        assertEquals(0, Fixtures.exec("tar", "-C", unpacked.toString(), "-cf", bad.toString(), ".").exitCode());
        Result swapped = JbuildProcess.inStore(other, "load", "-i", bad.toString());
        assertEquals(1, swapped.exitCode(), swapped::toString);
        assertTrue(swapped.err().contains("but the image's config expects"), swapped.err());
        assertEquals(1, JbuildProcess.okInStore(other, "images").out().lines().count(), "nothing was loaded");
    }
}
