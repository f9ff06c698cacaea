package dev.jbuild.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileCheckerTest {

    private static List<String> check(String text) {
        return DockerfileChecker.check(text).stream().map(p -> p.describe("Dockerfile")).toList();
    }

    @Test
    void cleanFileHasNoProblems() {
        assertEquals(List.of(), check("ARG V=1\nFROM busybox:${V} AS base\nWORKDIR /app\nCOPY . .\nCMD [\"sh\"]\n"));
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        List<String> problems = check(String.join("\n",
                "RUN echo before from",        // 1
                "FROM $UNDECLARED AS a",       // 2
                "FOO bar",                     // 3
                "COPY --bogus x y",            // 4
                "CMD [\"a\", 'b']",            // 5
                "RUN echo a \\",               // 6
                "",                            // 7
                "  b",                         // 8
                "FROM busybox AS a",           // 9
                "COPY --from=a x y",           // 10
                "MAINTAINER me",               // 11
                "ENV K v",                     // 12
                "CMD echo",                    // 13
                "ENTRYPOINT [\"x\"]",          // 14
                "WORKDIR rel",                 // 15
                "CMD [\"y\"]",                 // 16
                ""));
        assertEquals(List.of(
                "Dockerfile:1: no FROM before RUN: a Dockerfile must start with FROM (only ARG may come before it)",
                "Dockerfile:2: FROM names no image: \"$UNDECLARED\" expands to an empty string",
                "Dockerfile:2: FROM uses undefined ARG UNDECLARED (declare it with ARG before the first FROM)",
                "Dockerfile:3: unknown instruction: FOO",
                "Dockerfile:4: unknown flag for COPY: --bogus",
                "Dockerfile:5: warning: CMD argument looks like a JSON array but is not valid JSON; it is used as a shell command",
                "Dockerfile:5: warning: JSON arguments recommended for CMD so that signals reach the command",
                "Dockerfile:6: warning: empty continuation line in RUN echo a   b (a future Dockerfile syntax makes this an error)",
                "Dockerfile:9: duplicate stage name \"a\" (first at line 2)",
                "Dockerfile:10: COPY --from=a refers to its own stage",
                "Dockerfile:11: warning: MAINTAINER is deprecated; use LABEL maintainer=...",
                "Dockerfile:12: warning: legacy \"ENV key value\" form; write ENV key=value",
                "Dockerfile:13: warning: JSON arguments recommended for CMD so that signals reach the command",
                "Dockerfile:13: warning: several CMD instructions in one stage: only the last (line 16) takes effect",
                "Dockerfile:15: warning: relative WORKDIR \"rel\" depends on the base image's working directory; use an absolute path"),
                problems);
    }

    @Test
    void platformArgsNeedNoDeclaration() {
        assertEquals(List.of(), check("FROM --platform=$BUILDPLATFORM busybox\n"));
    }

    @Test
    void fileLevelErrors() {
        assertEquals(List.of("Dockerfile:2: unterminated heredoc EOF (no line 'EOF' before the end of the file)"),
                check("FROM a\nRUN <<EOF\nx\n"));
        assertEquals(List.of("Dockerfile:2: only one escape parser directive can be used"),
                check("# escape=`\n# escape=\\\nFROM a\n"));
        assertEquals(List.of("Dockerfile: file with no instructions"), check("# nothing\n"));
    }

    @Test
    void noFromAtAll() {
        assertTrue(check("ARG A\n").contains("Dockerfile: no FROM instruction: nothing to build"));
    }
}
