package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
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
    void classDataIsMadeOncePerJavaAndHoldsWhatEverydayCommandsLoad(@TempDir Path cache, @TempDir Path work) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("XDG_CACHE_HOME", cache.toString(),
                "JBUILD_ROOT", work.resolve("store").toString()));
        assertEquals(0, JbuildProcess.run(env, null, work, "--version").exitCode());
        List<Path> made = archives(cache);
        assertEquals(1, made.size(), () -> "archives: " + made);
        for (String tag : List.of("older", "newer")) { // two images: listing sorts them
            byte[] dockerfile = ("FROM scratch\nLABEL tag=" + tag + "\n").getBytes(StandardCharsets.UTF_8);
            Result built = JbuildProcess.run(env, dockerfile, work, "build", "-q", "-t", tag, "-");
            assertEquals(0, built.exitCode(), built::toString);
        }
        Path log = work.resolve("classes.log");
        // -Xshare:on: a start that cannot map the archive fails, not goes on without
        env.put("JBUILD_JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + log);
        for (String[] command : List.of(new String[] {"images"}, new String[] {"inspect", "older"}, new String[] {"ps", "-a"})) {
            Result r = JbuildProcess.run(env, null, work, command);
            assertEquals(0, r.exitCode(), r::toString);
            List<String> missed = notFromArchive(log);
            assertEquals(List.of(), missed, () -> String.join(" ", command) + " loaded these from elsewhere");
        }
        Optional<Path> otherJava = otherJavaHome();
        if (otherJava.isPresent()) { // another Java cannot map the first one's archive: it makes its own
            env.put("JAVA_HOME", otherJava.get().toString());
            Result other = JbuildProcess.run(env, null, work, "images");
            assertEquals(0, other.exitCode(), other::toString);
            List<Path> both = archives(cache);
            assertEquals(2, both.size(), () -> "archives: " + both);
        }
    }

    /** jbuild's classes and lambdas that a start loaded from elsewhere than the class-data archive (the training missed their path). */
    private static List<String> notFromArchive(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" dev.jbuild.") || line.contains("$$Lambda$"))
                .filter(line -> !line.endsWith("source: shared objects file"))
                .toList();
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("jbuild"))) {
            return files.filter(f -> f.toString().endsWith(".jsa")).toList();
        }
    }

    /** A JDK under /usr/lib/jvm other than the one on PATH (this machine kind has Temurin's beside Debian's). */
    private static Optional<Path> otherJavaHome() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        Path onPath = Path.of("/usr/bin/java");
        if (!Files.isDirectory(jvms) || !Files.exists(onPath)) {
            return Optional.empty();
        }
        Path current = onPath.toRealPath();
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> !Files.isSymbolicLink(h) && Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> {
                        try {
                            return !h.resolve("bin/java").toRealPath().equals(current);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted().findFirst();
        }
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
