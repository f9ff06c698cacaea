package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heredocs as the Dockerfile reference and BuildKit run them, through the real CLI: the expected
 * contents are written down from the reference (Debian's buildah 1.28 cannot build heredocs). The
 * bash shebang case on a real Debian is in DebianBuildIT.
 */
class HeredocIT {
    @TempDir
    Path work;
    private Path store;
    private Path context;

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.inStore(store, args);
    }

    private Result ok(String... args) throws Exception {
        return JbuildProcess.okInStore(store, args);
    }

    private Result build(String dockerfile, String... extra) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        List<String> args = new java.util.ArrayList<>(List.of("build", "-t", "heredoc"));
        args.addAll(List.of(extra));
        args.add(context.toString());
        return ok(args.toArray(String[]::new));
    }

    private String cat(String... files) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--rm", "heredoc", "cat"));
        args.addAll(List.of(files));
        return ok(args.toArray(String[]::new)).out();
    }

    @BeforeEach
    void setUp() throws Exception {
        store = work.resolve("store");
        context = Files.createDirectories(work.resolve("ctx"));
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
    }

    @AfterEach
    void removeStore() throws Exception {
        JbuildProcess.removeStore(store);
    }

    @Test
    void aShebangHeredocRunsAsAScriptWithItsInterpreter() throws Exception {
        Result r = build("FROM busybox\nENV WHO=env\nRUN <<EOF\n#!/bin/sh -e\necho \"run as $0 by $WHO\"\nset -- a b c\n"
                + "echo \"$# args\" > /args\nEOF\n");
        assertTrue(r.out().contains("run as /dev/pipes/EOF by env\n"), r::toString);
        assertEquals("3 args\n", cat("/args"));
        String history = ok("history", "--no-trunc", "heredoc").out();
        assertTrue(history.contains("RUN /bin/sh -c /dev/pipes/EOF"), history);
        // /dev/pipes is only there while the step runs: it never reaches a layer
        assertEquals(1, jbuild("run", "--rm", "heredoc", "ls", "/dev/pipes").exitCode());
    }

    @Test
    void shellFormsHeredocsWithCommandsSeveralHeredocsAndTabStripping() throws Exception {
        build("FROM busybox\n"
                + "RUN <<EOF\necho plain body > /plain\nEOF\n"
                + "RUN cat <<EOF > /redirected\nline one\n  line two\nEOF\n"
                + "RUN <<A cat - > /first && cat <<B > /second\nfrom A\nA\nfrom B\nB\n"
                + "RUN sh -e <<EOF\necho via stdin > /stdin\nEOF\n"
                + "RUN <<-EOF\n\techo tabs stripped > /tabs\n\tEOF\n"
                + "SHELL [\"/bin/sh\", \"-ec\"]\n"
                + "RUN <<EOF\necho with the SHELL > /shell\nEOF\n"
                + "RUN [\"sh\", \"-c\", \"echo exec form > /exec\"]\n");
        assertEquals("plain body\nline one\n  line two\nfrom A\nfrom B\nvia stdin\ntabs stripped\nwith the SHELL\nexec form\n",
                cat("/plain", "/redirected", "/first", "/second", "/stdin", "/tabs", "/shell", "/exec"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nSHELL [\"/bin/sh\", \"-ec\"]\nRUN <<EOF\nfalse\necho unreachable\nEOF\n");
        Result failing = jbuild("build", "-t", "heredoc", context.toString());
        assertEquals(1, failing.exitCode(), failing::toString);
        assertFalse(failing.out().contains("unreachable"), "SHELL's -e applies to the body");
    }

    @Test
    void copyAndAddExpandUnquotedHeredocsAndKeepQuotedOnesLiteral() throws Exception {
        String dockerfile = "FROM busybox\nARG APP_VERSION\nENV FLAVOR=tools\n"
                + "COPY <<EOF /etc/app.conf\nAPP_VERSION=${APP_VERSION}\nFLAVOR=${FLAVOR}\nquotes=\"$FLAVOR\" '$FLAVOR'\nunset=[${NOPE:-default}]\nEOF\n"
                + "COPY <<'EOF' /etc/single.conf\nFLAVOR=${FLAVOR}\nEOF\n"
                + "COPY <<\"EOF\" /etc/double.conf\nFLAVOR=$FLAVOR\nEOF\n"
                + "COPY --chmod=0600 <<-EOF /etc/tabs.conf\n\tindented $FLAVOR\n\tEOF\n"
                + "ADD <<EOF /etc/added.conf\nadded ${APP_VERSION}\nEOF\n";
        build(dockerfile, "--build-arg", "APP_VERSION=3.1.4");
        assertEquals("APP_VERSION=3.1.4\nFLAVOR=tools\nquotes=\"tools\" 'tools'\nunset=[default]\n"
                + "FLAVOR=${FLAVOR}\nFLAVOR=$FLAVOR\nindented tools\nadded 3.1.4\n",
                cat("/etc/app.conf", "/etc/single.conf", "/etc/double.conf", "/etc/tabs.conf", "/etc/added.conf"));
        assertEquals("-rw------- -rw-r--r--\n", ok("run", "--rm", "heredoc", "sh", "-c",
                "stat -c %A /etc/tabs.conf | tr '\\n' ' '; stat -c %A /etc/app.conf").out());

        // The expanded body is the cache key: a new value rebuilds the file, the same one is CACHED.
        Result same = build(dockerfile, "--build-arg", "APP_VERSION=3.1.4");
        assertEquals(same.out().lines().filter(l -> l.startsWith("STEP ")).count() - 1,
                same.out().lines().filter(l -> l.equals("--> CACHED")).count(), "every step after FROM, ARG too: " + same.out());
        build(dockerfile, "--build-arg", "APP_VERSION=3.2.0");
        assertTrue(cat("/etc/app.conf").startsWith("APP_VERSION=3.2.0\n"));
    }

    @Test
    void aStepMarkerStartsOnItsOwnLineAfterOutputWithoutANewline() throws Exception {
        Result r = build("FROM busybox\nRUN printf 'no newline at the end'\nRUN printf 'again' >&2\n");
        assertTrue(r.out().contains("no newline at the end\n--> "), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("STEP 3/3: RUN printf")), r::toString);
    }
}
