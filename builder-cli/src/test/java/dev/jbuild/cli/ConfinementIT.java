package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Dockerfile reaches nothing outside its context, its stages and its image roots: symlinks are
 * resolved inside the root they belong to (as if it were /), never on the host. Each test attacks
 * through the real CLI with a secret the host holds outside the context.
 */
class ConfinementIT {
    @TempDir
    Path work;
    private Path store;
    private Path outside;
    private Path context;

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.inStore(store, args);
    }

    private Result ok(String... args) throws Exception {
        return JbuildProcess.okInStore(store, args);
    }

    private Result build(String dockerfile) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return jbuild("build", "--no-cache", "-t", "probe", context.toString());
    }

    /** One line naming the Dockerfile line, exit 1, and the secret nowhere in the output. */
    private void refused(Result r, String expected) {
        assertEquals(1, r.exitCode(), r::toString);
        assertFalse(r.out().contains("secret") || r.err().contains("secret"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("Dockerfile:") && r.err().contains(expected), r::toString);
    }

    @BeforeEach
    void setUp() throws Exception {
        store = work.resolve("store");
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("victim.txt"), "secret\n");
        context = Files.createDirectories(work.resolve("ctx"));
        Files.createSymbolicLink(context.resolve("abs"), outside);                       // absolute, out of the context
        Files.createSymbolicLink(context.resolve("rel"), context.relativize(outside));    // ../outside
        Files.createSymbolicLink(context.resolve("deep"), Path.of("../../../../../../../../.." + outside));
        Files.createDirectories(context.resolve("inside"));
        Files.writeString(context.resolve("inside/victim.txt"), "inside\n");
        Files.createSymbolicLink(context.resolve("rooted"), Path.of("/inside"));         // absolute, read as context-rooted
    }

    @AfterEach
    void removeStore() throws Exception {
        JbuildProcess.removeStore(store);
    }

    @Test
    void copyNeverFollowsALinkOutOfTheContext() throws Exception {
        for (String link : new String[] {"abs", "rel", "deep"}) {
            refused(build("FROM busybox\nCOPY " + link + "/victim.txt /v\nRUN cat /v\n"), "COPY failed: " + link + "/victim.txt: not found");
            refused(build("FROM busybox\nCOPY " + link + "/*.txt /v/\n"), "not found");
            refused(build("FROM busybox\nADD " + link + "/victim.txt /v\n"), "not found");
        }
    }

    @Test
    void aLinkInsideTheContextIsFollowedAsIfTheContextWereTheRoot() throws Exception {
        Result r = build("FROM busybox\nCOPY rooted/victim.txt /v\nRUN cat /v\n");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("inside\n"), r::toString);
        // .dockerignore applies to where the path leads, whatever link it went through
        Files.writeString(context.resolve(".dockerignore"), "inside\n");
        refused(build("FROM busybox\nCOPY rooted/victim.txt /v\n"), "not found");
    }

    @Test
    void bindMountsResolveTheirSourceInsideTheirRoot() throws Exception {
        for (String link : new String[] {"abs", "rel", "deep"}) {
            refused(build("FROM busybox\nRUN --mount=type=bind,source=" + link + ",target=/m cat /m/victim.txt\n"),
                    "RUN --mount=type=bind,source=" + link + ",target=/m: " + link + " not found");
        }
        // From a stage: its absolute link leads to the stage's own /etc, not the host's.
        Result fromStage = build("FROM busybox AS s\nRUN mkdir /data && echo stage-data > /data/f && ln -s /data /link\n"
                + "FROM busybox\nRUN --mount=type=bind,from=s,source=link,target=/m cat /m/f\n");
        assertEquals(0, fromStage.exitCode(), fromStage::toString);
        assertTrue(fromStage.out().contains("stage-data\n"), fromStage::toString);
    }

    @Test
    void aWritableBindMountKeepsTheContextAsItWas() throws Exception {
        Result r = build("FROM busybox\nRUN --mount=type=bind,source=inside,target=/m,rw "
                + "sh -c 'echo changed > /m/victim.txt && echo new > /m/new && cat /m/victim.txt'\n");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("changed\n"), r::toString);
        assertEquals("inside\n", Files.readString(context.resolve("inside/victim.txt")));
        assertFalse(Files.exists(context.resolve("inside/new")));
        Result readOnly = build("FROM busybox\nRUN --mount=type=bind,source=inside,target=/m echo x > /m/new\n");
        assertEquals(1, readOnly.exitCode(), readOnly::toString);
    }

    @Test
    void copyFromAStageFollowsItsLinksInsideTheStage() throws Exception {
        Result r = build("FROM busybox AS s\nRUN mkdir -p /stage && echo stage > /stage/victim.txt && ln -s /stage /abs\n"
                + "FROM busybox\nCOPY --from=s /abs/victim.txt /v\nRUN cat /v\n");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("stage\n") && !r.out().contains("secret"), r::toString);
    }

    @Test
    void destinationsThroughImageLinksStayInTheImage() throws Exception {
        Files.writeString(context.resolve("payload"), "payload\n");
        Files.createDirectories(context.resolve("tree/sub"));
        Files.writeString(context.resolve("tree/sub/f"), "tree\n");
        // /app and /app2 in the image point at the host's directory path; /app3/sub is a link too.
        String links = "FROM busybox\nRUN mkdir -p " + outside + " && ln -s " + outside + " /app && ln -s " + outside + " /app2"
                + " && mkdir /app3 && ln -s " + outside + " /app3/sub\n";
        Result r = build(links + "COPY payload /app/\nCOPY payload /app2/copied\nCOPY --parents tree/sub/f /app/\n"
                + "RUN cat " + outside + "/payload " + outside + "/copied " + outside + "/tree/sub/f\n");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("payload\npayload\ntree\n"), r::toString);
        // A directory copied onto a link below the destination is refused, as BuildKit's copy refuses it.
        Result onto = build(links + "COPY tree /app3/\n");
        assertEquals(1, onto.exitCode(), onto::toString);
        assertTrue(onto.err().contains("cannot copy to non-directory: /app3/sub"), onto::toString);
        try (var files = Files.list(outside)) {
            assertEquals(1, files.count(), "nothing written on the host beside victim.txt");
        }
    }

    @Test
    void importRefusesAnUnsafeLayerAtTheDoor() throws Exception {
        for (String[] evil : new String[][] {{"../../outside/pwned"}, {"/abs/pwned"}, {"link", "link/pwned"}}) {
            Path tar = work.resolve("evil.tar");
            try (var out = Files.newOutputStream(tar); var w = new dev.jbuild.store.tar.TarWriter(out)) {
                if (evil.length == 2) {
                    w.write(new dev.jbuild.store.tar.TarEntry(evil[0], dev.jbuild.store.tar.TarEntry.Type.SYMLINK, 0777, 0, 0, 0, 0,
                            outside.toString(), 0, 0, Map.of()), java.io.InputStream.nullInputStream());
                }
                w.write(dev.jbuild.store.tar.TarEntry.file(evil[evil.length - 1], 0644, 1, 0),
                        new java.io.ByteArrayInputStream(new byte[] {'x'}));
            }
            Result r = jbuild("import", tar.toString(), "evil:1");
            assertEquals(1, r.exitCode(), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            assertTrue(r.err().startsWith("jbuild: import: " + tar + ": refusing entry '" + evil[evil.length - 1] + "'"), r::toString);
            assertFalse(ok("images").out().contains("evil"), "nothing named");
        }
    }
}
