package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild build --check} through the real launcher, on good and bad input. */
class BuildCheckIT {

    private static void assertOneLineError(Result r, String expected) {
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(expected + "\n", r.err(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    /** Runs {@code build --check .} in {@code context} and compares the exit code and standard output. */
    private static void assertCheck(Path context, int exit, String out) throws Exception {
        Result r = JbuildProcess.run(Map.of(), null, context, "build", "--check", ".");
        assertEquals(exit, r.exitCode(), r::toString);
        assertEquals(out, r.out(), r::toString);
    }

    @Test
    void sampleIsClean() throws Exception {
        Result r = JbuildProcess.run("build", "--check", "testdata/sample");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("testdata/sample/Dockerfile: no problems found\n", r.out());
    }

    @Test
    void everyProblemIsReportedAsFileLineMessage() throws Exception {
        Result r = JbuildProcess.run("build", "--check", "-f", "testdata/check/broken.Dockerfile", "testdata/check");
        assertEquals(1, r.exitCode(), r::toString);
        String f = "testdata/check/broken.Dockerfile";
        assertEquals(List.of(
                f + ":1: no FROM before RUN: a Dockerfile must start with FROM (only ARG may come before it)",
                f + ":2: FROM names no image: \"$UNDECLARED\" expands to an empty string",
                f + ":2: FROM uses undefined ARG UNDECLARED (declare it with ARG before the first FROM)",
                f + ":3: unknown instruction: BOGUS",
                f + ":4: missing a value on flag --chown of COPY",
                f + ":5: JSON array must contain only strings",
                f + ":6: ENV must have two arguments",
                f + ":7: warning: MAINTAINER is deprecated; use LABEL maintainer=...",
                f + ":8: warning: empty continuation line in RUN echo a   b (a future Dockerfile syntax makes this an error)",
                f + ":11: unterminated heredoc EOF (no line 'EOF' before the end of the file)"),
                r.out().lines().toList());
        assertEquals("jbuild: build --check: 8 errors, 2 warnings in " + f + "\n", r.err());
    }

    @Test
    void dockerfileFromStandardInput() throws Exception {
        Result r = JbuildProcess.run(Map.of(), "FROM busybox\nRUN\n".getBytes(StandardCharsets.UTF_8),
                JbuildProcess.PROJECT, "build", "--check", "-");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("-:2: RUN requires at least one argument\n", r.out());
    }

    @Test
    void missingDockerfile(@TempDir Path context) throws Exception {
        assertCheck(context, 1, "Dockerfile: no such file\n");
    }

    @Test
    void contextThatIsNotADirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        assertOneLineError(JbuildProcess.run(Map.of(), null, dir, "build", "--check", "file"),
                "jbuild: build: context file is not a directory");
        assertOneLineError(JbuildProcess.run(Map.of(), null, dir, "build", "--check", "nope"),
                "jbuild: build: context nope does not exist");
    }

    @Test
    void binaryFile(@TempDir Path context) throws Exception {
        Files.write(context.resolve("Dockerfile"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, '\n'});
        assertCheck(context, 1, "Dockerfile:1: binary data (a NUL byte): not a Dockerfile\n");
    }

    @Test
    void invalidUtf8(@TempDir Path context) throws Exception {
        Files.write(context.resolve("Dockerfile"), new byte[] {'F', 'R', 'O', 'M', ' ', 'a', '\n', 'R', 'U', 'N', ' ', (byte) 0xff, '\n'});
        assertCheck(context, 1, "Dockerfile:2: invalid UTF-8: a Dockerfile must be UTF-8 text\n");
    }

    @Test
    void crlfAndBomAreFine(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "\uFEFFFROM busybox\r\nRUN echo \\\r\n  hi\r\nCMD [\"sh\"]\r\n");
        assertCheck(context, 0, "Dockerfile: no problems found\n");
    }

    @Test
    void unreadableDockerfile(@TempDir Path context) throws Exception {
        Path f = Files.writeString(context.resolve("Dockerfile"), "FROM a\n");
        f.toFile().setReadable(false, false);
        if (Files.isReadable(f)) {
            return; // root reads anything: nothing to show here
        }
        assertCheck(context, 1, "Dockerfile: permission denied\n");
    }

    @Test
    void badDockerignorePattern(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\n");
        Files.writeString(context.resolve(".dockerignore"), "ok\n[\n");
        assertCheck(context, 1, ".dockerignore: syntax error in pattern: [\n");
    }

    @Test
    void hundredMegabyteDockerfile(@TempDir Path context) throws Exception {
        Path f = context.resolve("Dockerfile");
        String line = "RUN echo " + "x".repeat(90) + "\n";
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("FROM busybox\n");
            for (long size = 0; size < 100L * 1024 * 1024; size += line.length()) {
                w.write(line);
                lines++;
            }
        }
        assertCheck(context, 0, "Dockerfile: no problems found\n");
        assertTrue(lines > 1_000_000);
    }
}
