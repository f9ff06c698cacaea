package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jbuild build through the real launcher: steps, cache, stages, errors, reproducibility. */
class BuildIT {
    @TempDir
    Path work;
    Path store;

    private Result jbuild(Map<String, String> extraEnv, byte[] stdin, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("JBUILD_ROOT", store.toString());
        return JbuildProcess.run(env, stdin, JbuildProcess.PROJECT, args);
    }

    private Result jbuild(String... args) throws Exception {
        return jbuild(Map.of(), null, args);
    }

    private Result ok(String... args) throws Exception {
        Result r = jbuild(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    /** A copy of a testdata context the test may change. */
    private Path context(String name) throws Exception {
        Path source = JbuildProcess.PROJECT.resolve("testdata").resolve(name);
        Path target = work.resolve(name.replace('/', '-'));
        try (var files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }

    @BeforeEach
    void importBusybox() throws Exception {
        store = work.resolve("store");
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
    }

    @AfterEach
    void removeStoreInsideTheNamespace() throws Exception {
        ok("unshare", "rm", "-rf", store.toString());
    }

    @Test
    void theSampleBuildsWithTheShorthandAndRuns() throws Exception {
        Path sample = context("sample");
        Result build = ok("-t", "sample:1", sample.toString());
        List<String> lines = build.out().lines().toList();
        assertEquals("# syntax=docker/dockerfile:1: using jbuild's built-in Dockerfile frontend (the frontend image is not pulled)",
                lines.get(0));
        assertTrue(lines.contains("[build] STEP 1/4: FROM ${BASE} AS build"), build.out()); // the target stage may print first
        assertTrue(lines.contains("STEP 7/7: CMD [\"cat\", \"/greeting\"]"), build.out());
        assertTrue(lines.contains("Successfully tagged sample:1"), build.out());
        String id = lines.get(lines.size() - 1);
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
        assertEquals("hello from jbuild\n", ok("run", "--rm", "sample:1").out());
        assertEquals("built by jbuild\n", ok("run", "--rm", "sample:1", "cat", "/etc/motd").out());
        JsonNode config = new ObjectMapper().readTree(ok("inspect", "sample:1").out()).get(0).get("Config");
        assertEquals("[\"CMD\",\"test\",\"-f\",\"/greeting\"]", config.get("Healthcheck").get("Test").toString());
        assertEquals("jbuild sample", config.get("Labels").get("org.opencontainers.image.title").asText());
        for (String isolation : List.of("--isolation=rootless", "--isolation rootless")) { // global options before -t
            List<String> line = new ArrayList<>(List.of(isolation.split(" ")));
            line.addAll(List.of("--debug", "-t", "sample:2", sample.toString()));
            Result again = ok(line.toArray(String[]::new));
            assertTrue(again.out().lines().toList().contains("Successfully tagged sample:2"), again.out());
            assertEquals(id, lastLine(again.out()));
        }
    }

    @Test
    void everyStepKindAndItsConfig() throws Exception {
        Path ctx = context("builds/steps");
        ok("build", "--build-arg", "GREETING=hi", "-t", "steps:1", "-t", "steps:latest", "--label", "extra=yes", ctx.toString());
        assertEquals("hi from /app\n", ok("run", "--rm", "steps:1").out());
        String listing = ok("run", "--rm", "--entrypoint", "", "steps:latest", "sh", "-c",
                "cat /app/listing; cat /home/app/uid; ls /copied; ls /app/files; stat -c '%a %u:%g' /app/files/a.txt").out();
        assertTrue(listing.contains(" 1000     1000 "), listing);
        List<String> lines = listing.lines().toList();
        assertTrue(lines.contains("1000"), "RUN as USER app: " + listing);
        assertTrue(lines.contains("notes.txt"), listing);
        assertFalse(lines.contains("extra.txt"), "deleted by a later RUN: " + listing);
        assertFalse(listing.contains("ignored.txt"), ".dockerignore keeps it out: " + listing);
        assertEquals("750 1000:1000", lines.get(lines.size() - 1));
        JsonNode inspect = new ObjectMapper().readTree(ok("inspect", "steps:1").out()).get(0);
        JsonNode config = inspect.get("Config");
        assertEquals("/app", config.get("WorkingDir").asText());
        assertEquals("root", config.get("User").asText());
        assertTrue(config.get("Env").toString().contains("APP_HOME=/app"));
        assertFalse(config.get("Env").toString().contains("GREETING"), "an ARG is not kept in the image");
        assertTrue(config.get("ExposedPorts").has("8080/tcp"));
        assertTrue(config.get("Volumes").has("/data"));
        assertEquals("SIGTERM", config.get("StopSignal").asText());
        assertEquals("yes", config.get("Labels").get("extra").asText());
        assertEquals("steps", config.get("Labels").get("stage").asText());
        String history = ok("history", "steps:1").out();
        assertTrue(history.contains("EXPOSE 8080"), history);
        assertTrue(history.lines().anyMatch(l -> l.contains("ENV APP_HOME=/app") && l.contains(" 0B")), history);
    }

    @Test
    void theCacheRunsNothingTwiceAndAChangedFileInvalidatesFromItsStep() throws Exception {
        Path ctx = context("builds/steps");
        String first = lastLine(ok("build", "-t", "c:1", ctx.toString()).out());
        Result warm = ok("build", "-t", "c:1", ctx.toString());
        assertEquals(first, lastLine(warm.out()), "all steps cached: the same image");
        assertEquals(17, warm.out().lines().filter("--> CACHED"::equals).count(), "every step after FROM, ARG too: " + warm.out());

        Files.writeString(ctx.resolve("notes.txt"), "changed\n");
        Result changed = ok("build", "-t", "c:1", ctx.toString());
        List<String> lines = changed.out().lines().toList();
        int copy = lines.indexOf("STEP 6/18: COPY notes.txt extra.txt /copied/");
        assertEquals("--> CACHED", lines.get(lines.indexOf("STEP 5/18: COPY --chown=1000:1000 --chmod=0750 files/ ./files/") + 1),
                "the step before is still cached");
        assertTrue(lines.get(copy + 1).matches("--> \\d+\\.\\d+s"), "the step reading the changed file runs: " + lines.get(copy + 1));
        assertNotEquals(first, lastLine(changed.out()));

        Files.setLastModifiedTime(ctx.resolve("files/a.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(lastLine(changed.out()), lastLine(ok("build", "-t", "c:1", ctx.toString()).out()), "mtimes are not content");
        Result explained = ok("build", "--explain-cache", "--build-arg", "GREETING=yo", ctx.toString());
        List<String> e = explained.out().lines().toList();
        assertEquals("--> cache miss: build arg GREETING changed (was hello, now yo)",
                e.get(e.indexOf("STEP 7/18: RUN echo \"$GREETING from $APP_HOME\" > greeting && ls -ln files > listing") + 1));
        assertEquals("--> cache miss: the step before it changed", e.get(e.indexOf("STEP 9/18: USER app") + 1));
        Files.writeString(ctx.resolve("notes.txt"), "changed again\n");
        List<String> f = ok("build", "--explain-cache", "--build-arg", "GREETING=yo", ctx.toString()).out().lines().toList();
        assertEquals("--> cache miss: file notes.txt changed", f.get(f.indexOf("STEP 6/18: COPY notes.txt extra.txt /copied/") + 1));

        Result noCache = ok("build", "--no-cache", "-t", "c:1", ctx.toString());
        assertEquals(0, noCache.out().lines().filter("--> CACHED"::equals).count());
    }

    @Test
    void onlyTheStagesTheTargetNeedsAreBuilt() throws Exception {
        Path ctx = context("builds/multistage");
        Result r = ok("build", "-t", "multi:1", ctx.toString());
        assertFalse(r.out().contains("[unused]"), r.out());
        assertEquals("one\n", ok("run", "--rm", "multi:1", "cat", "/final").out());
        Result target = ok("build", "--target", "one", "-q", ctx.toString());
        assertEquals(1, target.out().lines().count(), "-q prints only the ID");
        assertEquals("one\n", ok("run", "--rm", target.out().trim(), "cat", "/one").out());
        Result unused = jbuild("build", "--target", "unused", ctx.toString());
        assertEquals(1, unused.exitCode());
    }

    @Test
    void runMountsOfEveryTypeAndSecretsNeverReachTheImage() throws Exception {
        Path ctx = context("builds/mounts");
        Path secret = Files.writeString(work.resolve("token"), "s3cr3t\n");
        ok("build", "--no-cache", "--secret", "id=tok,src=" + secret, "-t", "mnt:1", ctx.toString());
        ok("build", "--no-cache", "--secret", "id=tok,src=" + secret, "-t", "mnt:1", ctx.toString());
        assertEquals("2\n7\nfrom-context\ntmp\n", ok("run", "--rm", "mnt:1", "cat", "/count", "/secret-status", "/copied.txt",
                "/tmpfs-status").out(), "the cache mount kept the first build's line");
        assertEquals("gone\n", ok("run", "--rm", "mnt:1", "sh", "-c", "ls /run/secrets/tok /scratch/x 2>/dev/null || echo gone").out());
        Path archive = work.resolve("mnt.tar");
        ok("save", "-o", archive.toString(), "mnt:1");
        String everything = Fixtures.exec("sh", "-c", "tar -xOf " + archive + " | zcat -f 2>/dev/null | grep -ac s3cr3t || true").out().trim();
        assertEquals("0", everything, "the secret is in no layer or config");
        assertFalse(ok("history", "--no-trunc", "mnt:1").out().contains("s3cr3t"));
    }

    @Test
    void independentStagesBuildAtTheSameTime() throws Exception {
        Path ctx = context("builds/parallel");
        Result r = jbuild("build", "--build-arg", "TOKEN=" + java.util.UUID.randomUUID(), "-t", "par:1", ctx.toString());
        assertEquals(0, r.exitCode(), "each stage waited for the other: " + r);
        assertEquals("left-met-right\nright-met-left\n", ok("run", "--rm", "par:1", "cat", "/left", "/right").out());
    }

    @Test
    void theTargetStageStartsBeforeTheStagesItCopiesFromAreDone() throws Exception {
        Path ctx = context("builds/target-early");
        Result r = jbuild("build", "--build-arg", "TOKEN=" + java.util.UUID.randomUUID(), "-t", "early:1", ctx.toString());
        assertEquals(0, r.exitCode(), "the target waited for the stage it copies from: " + r);
        assertEquals("target-began-first\n", ok("run", "--rm", "early:1", "cat", "/met").out());

        Result broken = jbuild("build", "--build-arg", "TOKEN=" + java.util.UUID.randomUUID(), "--build-arg", "BROKEN=1", ctx.toString());
        assertEquals(1, broken.exitCode(), broken.toString());
        assertTrue(broken.err().contains("Dockerfile:7: RUN [ \"$BROKEN\" = 0 ]"), "the failed stage's own error: " + broken.err());
        assertTrue(broken.err().contains("non-zero code: 7"), broken.err());
        assertFalse(broken.err().contains("another stage failed"), broken.err());
    }

    /**
     * The store remembers the context's file digests: a build takes them from there while a file is
     * unchanged (a digest planted in the list changes the COPY's cache key, so the step runs again),
     * and reads a file again once it changed, even to the same size with its old mtime put back.
     */
    @Test
    void contextDigestsAreRememberedWhileTheFileIsUnchanged() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("remembered"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY app.txt /app.txt\n");
        Path app = Files.writeString(ctx.resolve("app.txt"), "one\n");
        ok("build", "-t", "remembered:1", ctx.toString());
        assertTrue(ok("build", ctx.toString()).out().contains("COPY app.txt /app.txt\n--> CACHED"));
        Path list;
        try (var lists = Files.list(store.resolve("file-hashes"))) {
            list = lists.findFirst().orElseThrow();
        }
        String kept = Files.readString(list);
        assertTrue(kept.endsWith(" app.txt\n"), kept);
        Files.writeString(list, kept.replaceFirst("[0-9a-f]{64}", "ab".repeat(32)));
        assertFalse(ok("build", ctx.toString()).out().contains("COPY app.txt /app.txt\n--> CACHED"), "the planted digest was taken");

        Files.writeString(list, kept); // the true digest again: a hit, until the file changes
        assertTrue(ok("build", ctx.toString()).out().contains("COPY app.txt /app.txt\n--> CACHED"));
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(app);
        Files.writeString(app, "two\n");
        Files.setLastModifiedTime(app, mtime);
        assertFalse(ok("build", ctx.toString()).out().contains("COPY app.txt /app.txt\n--> CACHED"), "read again: its ctime moved");
        assertEquals("two\n", ok("run", "--rm", ok("build", "-q", ctx.toString()).out().trim(), "cat", "/app.txt").out());
    }

    @Test
    void badInputIsOneLineWithDockerfileAndLine() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("bad"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo before > /before\nRUN echo failing && exit 3\n");
        Result failing = jbuild("build", ctx.toString());
        assertEquals(1, failing.exitCode());
        assertTrue(failing.out().contains("failing\n"), "RUN output is streamed: " + failing.out());
        assertTrue(failing.err().endsWith("jbuild: build: " + ctx.resolve("Dockerfile")
                + ":3: RUN echo failing && exit 3: the command returned a non-zero code: 3\n"), failing.err());
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo before > /before\nRUN true\n");
        assertTrue(ok("build", ctx.toString()).out().contains("STEP 2/3: RUN echo before > /before\n--> CACHED"), "earlier steps stay cached");

        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY missing.txt /\n");
        assertOneLine(jbuild("build", ctx.toString()), ":2: COPY failed: missing.txt: not found in the build context (or excluded by .dockerignore)");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY --from=nowhere /x /x\n");
        assertOneLine(jbuild("build", ctx.toString()), ":2: COPY --from=nowhere: no stage or image of that name");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM $UNDEFINED\nRUN true\n");
        assertOneLine(jbuild("build", ctx.toString()), ":1: FROM $UNDEFINED: the base image name is empty or uses an undefined ARG");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox AS a\nCOPY --from=b / /\nFROM busybox AS b\nCOPY --from=a / /\n");
        assertOneLine(jbuild("build", ctx.toString()), "circular dependency between stages");
        Path file = Files.writeString(work.resolve("not-a-dir"), "");
        assertOneLine(jbuild("build", file.toString()), "jbuild: build: context " + file + " is not a directory");

        // Beyond the kernel's argument limit: the line, the instruction's start, the reason; no Java words.
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo " + "a".repeat(3_000_000) + "\n");
        Result tooLong = jbuild("build", ctx.toString());
        assertOneLine(tooLong, ":2: RUN echo aaaa");
        assertTrue(tooLong.err().contains("argument size limit") && !tooLong.err().contains("IO ") && tooLong.err().length() < 400,
                tooLong.err());
        // An ADD archive with an entry climbing out: refused with the line, nothing written outside.
        Path evil = ctx.resolve("evil.tar");
        try (var out = Files.newOutputStream(evil); var w = new dev.jbuild.store.tar.TarWriter(out)) {
            w.write(dev.jbuild.store.tar.TarEntry.file("../../escaped", 0644, 1, 0), new java.io.ByteArrayInputStream(new byte[] {'x'}));
        }
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nADD evil.tar /unpacked/\n");
        assertOneLine(jbuild("build", ctx.toString()), ":2: ADD evil.tar: refusing entry '../../escaped': '..' leads outside the layer");
    }

    @Test
    void sourceDateEpochMakesTwoStoresAgree() throws Exception {
        Path ctx = context("builds/steps");
        Path one = work.resolve("store1");
        Map<String, String> env1 = Map.of("JBUILD_ROOT", one.toString(), "SOURCE_DATE_EPOCH", "1700000000");
        assertEquals(0, jbuild(env1, null, "import", Fixtures.busyboxTar().toString(), "busybox:latest").exitCode());
        Result a = jbuild(env1, null, "build", "-q", ctx.toString());
        Path other = work.resolve("store2");
        Map<String, String> env2 = Map.of("JBUILD_ROOT", other.toString(), "SOURCE_DATE_EPOCH", "1700000000");
        assertEquals(0, jbuild(env2, null, "import", Fixtures.busyboxTar().toString(), "busybox:latest").exitCode());
        // another checkout of the context: other mtimes, same content
        for (Path f : List.of(ctx.resolve("files/a.txt"), ctx.resolve("files/b.txt"))) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 86_400_000L));
        }
        Result b = jbuild(env2, null, "build", "-q", ctx.toString());
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertEquals(a.out(), b.out(), "the same image ID from two empty stores");
        assertEquals(0, jbuild(env2, null, "unshare", "rm", "-rf", other.toString(), one.toString()).exitCode());
    }

    @Test
    void onbuildTriggersRunInTheChildBuild() throws Exception {
        assertEquals(0, jbuild(Map.of(), "FROM busybox\nONBUILD RUN echo triggered > /triggered\nONBUILD ENV FROM_TRIGGER=yes\n"
                .getBytes(StandardCharsets.UTF_8), "build", "-t", "onbase:1", "-").exitCode());
        Result child = jbuild(Map.of(), "FROM onbase:1\nRUN cat /triggered\n".getBytes(StandardCharsets.UTF_8), "build", "-t", "onchild:1", "-");
        assertEquals(0, child.exitCode(), child::toString);
        assertTrue(child.out().contains("STEP 2/4: RUN echo triggered > /triggered\n"), child.out());
        assertEquals("yes\n", ok("run", "--rm", "onchild:1", "sh", "-c", "echo $FROM_TRIGGER").out());
        assertFalse(ok("inspect", "onchild:1").out().contains("OnBuild"), "triggers are not inherited further");
    }

    @Test
    void addFromAUrlChecksTheChecksum() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = "downloaded\n".getBytes(StandardCharsets.UTF_8);
        http.createContext("/files/tool.txt", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/files/tool.txt";
            String sha = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
            Result good = jbuild(Map.of(), ("FROM busybox\nADD --checksum=" + sha + " " + url + " /opt/\n").getBytes(StandardCharsets.UTF_8),
                    "build", "-t", "url:1", "-");
            assertEquals(0, good.exitCode(), good::toString);
            assertEquals("600\ndownloaded\n", ok("run", "--rm", "url:1", "sh", "-c", "stat -c %a /opt/tool.txt; cat /opt/tool.txt").out());
            Result bad = jbuild(Map.of(), ("FROM busybox\nADD --checksum=sha256:" + "0".repeat(64) + " " + url + " /opt/\n")
                    .getBytes(StandardCharsets.UTF_8), "build", "-");
            assertOneLine(bad, ":2: ADD " + url + ": checksum mismatch: expected sha256:" + "0".repeat(64));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void copyExcludeLeavesMatchingFilesOut() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("exclude"));
        Files.writeString(ctx.resolve("keep.txt"), "keep\n");
        Files.writeString(ctx.resolve("notes.md"), "drop\n");
        Files.createDirectories(ctx.resolve("deep/sub"));
        Files.writeString(ctx.resolve("deep/sub/f.txt"), "deep\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY --exclude=*.md --exclude=Dockerfile --exclude=deep . /ctx/\n"
                + "COPY --parents deep/sub/*.txt /p/\n");
        ok("build", "-t", "excl:1", ctx.toString());
        assertEquals("keep.txt\n", ok("run", "--rm", "excl:1", "ls", "/ctx").out());
        assertEquals("deep\n", ok("run", "--rm", "excl:1", "cat", "/p/deep/sub/f.txt").out(), "--parents keeps the source's path");
    }

    @Test
    void dockerfileFromStandardInputAndIidfile() throws Exception {
        Path iid = work.resolve("iid");
        Result r = jbuild(Map.of(), "FROM busybox\nRUN echo from stdin > /x\n".getBytes(StandardCharsets.UTF_8),
                "build", "--iidfile", iid.toString(), "-t", "stdin:1", "-");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(lastLine(r.out()), Files.readString(iid));
        assertEquals("from stdin\n", ok("run", "--rm", "stdin:1", "cat", "/x").out());
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static void assertOneLine(Result r, String expected) {
        assertEquals(1, r.exitCode(), r::toString);
        List<String> lines = r.err().lines().filter(l -> l.startsWith("jbuild:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(expected), r.err());
    }
}
