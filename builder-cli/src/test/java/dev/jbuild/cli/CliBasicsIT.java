package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher from any directory: version, help, completion, usage errors. */
class CliBasicsIT {

    @Test
    void versionFromAnyDirectory(@TempDir Path elsewhere) throws Exception {
        Result r = JbuildProcess.run(Map.of(), null, elsewhere, "--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().matches("(?s)jbuild version \\d+\\.\\d+\\.\\d+.*\njava 17.*"), r::toString);
    }

    @Test
    void launcherWorksThroughASymlink(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("jbuild"), JbuildProcess.LAUNCHER);
        Process p = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("jbuild version "), out);
    }

    @Test
    void helpListsCommands() throws Exception {
        Result r = JbuildProcess.run("--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: jbuild "), r::toString);
        for (String command : new String[] {"build", "unshare", "completion", "help"}) {
            assertTrue(r.out().contains("\n  " + command + " "), () -> command + " missing in\n" + r);
        }
    }

    @Test
    void helpForOneCommand() throws Exception {
        Result r = JbuildProcess.run("help", "build");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: jbuild build "), r::toString);
        assertTrue(r.out().contains("--check"), r::toString);
        assertTrue(r.out().contains("-f, --file=FILE"), r::toString);
    }

    @Test
    void bashCompletionIsAScriptForEveryCommand() throws Exception {
        Result r = JbuildProcess.run("completion", "bash");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r::toString);
        assertTrue(r.out().contains("complete -F _complete_jbuild"), r::toString);
        assertTrue(r.out().contains("--check"), "build's options are completed");
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        bash.getOutputStream().write(r.out().getBytes());
        bash.getOutputStream().close();
        String syntax = new String(bash.getInputStream().readAllBytes());
        assertEquals(0, bash.waitFor(), "bash -n: " + syntax);
    }

    @Test
    void unknownCommandIsAOneLineUsageError() throws Exception {
        Result r = JbuildProcess.run("frobnicate");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("jbuild: unknown command \"frobnicate\"\nSee 'jbuild --help'.\n", r.err());
    }

    @Test
    void unknownOptionNamesIt() throws Exception {
        Result r = JbuildProcess.run("build", "--check", "--frob", "testdata/sample");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("jbuild: Unknown option: '--frob'\nSee 'jbuild build --help'."), r::toString);
    }
}
