package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store is an OCI image layout that other tools read: skopeo and umoci, not only jbuild. */
class InteropIT {

    @Test
    void skopeoAndUmociReadTheStore(@TempDir Path store, @TempDir Path out) throws Exception {
        Fixtures.requireTool("skopeo");
        Fixtures.requireTool("umoci");
        Map<String, String> env = Map.of("JBUILD_ROOT", store.toString());
        Result imported = JbuildProcess.run(env, null, JbuildProcess.PROJECT, "import", "-c", "CMD [\"sh\"]",
                Fixtures.busyboxTar().toString(), "busybox:1");
        assertEquals(0, imported.exitCode(), imported::toString);
        String id = imported.out().trim();
        assertEquals(0, JbuildProcess.run(env, null, JbuildProcess.PROJECT, "tag", "busybox:1", "localhost:5000/team/bb").exitCode());

        for (String name : new String[] {"docker.io/library/busybox:1", "localhost:5000/team/bb:latest"}) {
            Result inspect = Fixtures.skopeo("inspect", "--config", "oci:" + store + ":" + name);
            assertEquals(0, inspect.exitCode(), inspect::toString);
            JsonNode config = new ObjectMapper().readTree(inspect.out());
            assertEquals("[\"sh\"]", config.get("config").get("Cmd").toString());
        }
        Result copy = Fixtures.skopeo("copy", "oci:" + store + ":docker.io/library/busybox:1", "dir:" + out.resolve("dir"));
        assertEquals(0, copy.exitCode(), copy::toString);
        assertTrue(Files.exists(out.resolve("dir").resolve(id.substring(7))), "the config blob is copied under its digest");

        Path bundle = out.resolve("bundle");
        Result unpack = Fixtures.exec("umoci", "unpack", "--rootless", "--image", store + ":docker.io/library/busybox:1", bundle.toString());
        assertEquals(0, unpack.exitCode(), unpack::toString);
        Result sh = Fixtures.exec(bundle.resolve("rootfs/bin/busybox").toString(), "echo", "unpacked");
        assertEquals("unpacked\n", sh.out());
        assertTrue(Files.isSymbolicLink(bundle.resolve("rootfs/bin/sh")));
        assertTrue(Files.readString(bundle.resolve("rootfs/etc/passwd")).startsWith("root:x:0:0:"));
    }
}
