package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every --output type, several in one build, and --metadata-file, read back by tar, skopeo and a registry. */
class BuildOutputsIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @TempDir
    Path work;

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.run(Map.of("JBUILD_ROOT", work.resolve("store").toString()), null, JbuildProcess.PROJECT, args);
    }

    @Test
    void oneBuildWritesEveryOutputAndItsMetadata() throws Exception {
        Fixtures.requireTool("skopeo");
        assertEquals(0, jbuild("import", Fixtures.busyboxTar().toString(), "busybox:latest").exitCode());
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN echo noise on stdout && mkdir -p /home/app && echo mine > /home/app/notes && chown -R 1000:1000 /home/app && rm /etc/group\n"
                + "COPY hello.txt /hello.txt\n");
        Files.writeString(ctx.resolve("hello.txt"), "hello\n");
        Path out = Files.createDirectories(work.resolve("out"));
        String registryName = REGISTRY.host() + "/outputs/app:1";
        Result built = jbuild("build", "-t", "app:1",
                "-o", "type=local,dest=" + out.resolve("rootfs"),
                "-o", "type=tar,dest=" + out.resolve("rootfs.tar"),
                "-o", "type=oci,dest=" + out.resolve("app.oci.tar"),
                "-o", "type=docker,dest=" + out.resolve("app.docker.tar"),
                "-o", "type=registry,name=" + registryName,
                "--metadata-file", out.resolve("metadata.json").toString(), ctx.toString());
        assertEquals(0, built.exitCode(), built::toString);
        String id = built.out().lines().reduce((a, b) -> b).orElseThrow();

        // type=local: the final file system, whiteouts applied, every file the caller's own
        Path rootfs = out.resolve("rootfs");
        assertEquals("hello\n", Files.readString(rootfs.resolve("hello.txt")));
        assertEquals("mine\n", Files.readString(rootfs.resolve("home/app/notes")));
        assertFalse(Files.exists(rootfs.resolve("etc/group")), "deleted in a step: not in the output");
        assertTrue(Files.isSymbolicLink(rootfs.resolve("bin/sh")));
        String caller = Fixtures.exec("id", "-un").out().trim();
        if (!caller.equals("root")) {
            assertEquals(caller, Files.getOwner(rootfs.resolve("home/app/notes"), LinkOption.NOFOLLOW_LINKS).getName(),
                    "rootless: the caller owns what it is handed");
        }

        // type=tar: the same tree as one tar, owners as in the image
        String listing = Fixtures.exec("tar", "-tvf", out.resolve("rootfs.tar").toString()).out();
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("-rw-r--r-- 1000/1000") && l.endsWith("home/app/notes")), listing);
        assertFalse(listing.contains("etc/group"), listing);

        // type=oci and type=docker: archives skopeo reads, with the image's config
        // (the OCI archive names the image once per name: app:1 and the registry name)
        for (String archive : new String[] {"oci-archive:" + out.resolve("app.oci.tar") + ":docker.io/library/app:1",
                "docker-archive:" + out.resolve("app.docker.tar")}) {
            Result manifest = Fixtures.skopeo("inspect", "--raw", archive);
            assertEquals(0, manifest.exitCode(), manifest::toString);
            assertEquals(id, new ObjectMapper().readTree(manifest.out()).get("config").get("digest").asText(),
                    archive + " holds the built config");
        }

        // type=registry and the metadata file: the digest the registry holds
        Result remote = Fixtures.skopeo("inspect", "--tls-verify=false", "docker://" + registryName);
        assertEquals(0, remote.exitCode(), remote::toString);
        JsonNode metadata = new ObjectMapper().readTree(out.resolve("metadata.json").toFile());
        assertEquals(new ObjectMapper().readTree(remote.out()).get("Digest").asText(), metadata.get("containerimage.digest").asText());
        assertEquals(id, metadata.get("containerimage.config.digest").asText());
        assertEquals("app:1," + registryName, metadata.get("image.name").asText());
        assertEquals(metadata.get("containerimage.digest").asText(), metadata.get("containerimage.descriptor").get("digest").asText());

        // "-o -": a tar of the file system on standard output, the build's lines on standard error
        Path err = work.resolve("err.txt");
        Result piped = Fixtures.exec("sh", "-c", JbuildProcess.LAUNCHER + " --root " + work.resolve("store")
                + " build -o - " + ctx + " 2>" + err + " | tar -t | grep -c hello.txt");
        assertEquals("1\n", piped.out(), piped::toString);
        assertTrue(Files.readString(err).contains("STEP 1/3: FROM busybox"), Files.readString(err));

        Result bad = jbuild("build", "-o", "type=floppy,dest=x", ctx.toString());
        assertNotEquals(0, bad.exitCode());
        assertEquals("jbuild: build: --output type=floppy,dest=x: unknown type 'floppy': use local, tar, oci, docker, image or registry\n",
                bad.err());
        assertEquals(0, jbuild("unshare", "rm", "-rf", work.resolve("store").toString(), rootfs.toString()).exitCode());
    }
}
