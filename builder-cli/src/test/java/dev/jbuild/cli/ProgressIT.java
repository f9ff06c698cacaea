package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build as a user sees it: the live view in a real terminal (tmux, its screen captured as
 * drawn), and the plain and rawjson forms as text.
 */
class ProgressIT {
    private static final String DOCKERFILE = "FROM busybox AS a\nRUN echo in-a && sleep 1\n"
            + "FROM busybox AS b\nRUN echo in-b && sleep 1\n"
            + "FROM busybox\nCOPY --from=a /etc/passwd /a\nCOPY --from=b /etc/passwd /b\n"
            + "RUN echo watch-me && sleep 4 && echo failing-output && exit 3\n";

    @TempDir
    Path work;

    private final String socket = "jbuild-progress-" + ProcessHandle.current().pid();

    @AfterEach
    void stopTerminal() throws Exception {
        Fixtures.exec("tmux", "-L", socket, "kill-server");
    }

    private Path context() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
        return ctx;
    }

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.run(Map.of("JBUILD_ROOT", work.resolve("store").toString()), null, JbuildProcess.PROJECT, args);
    }

    /** Runs the build in a 120x50 terminal, without CI set, as a person would. */
    private void startInTerminal(String args) throws Exception {
        String command = "env -u CI JBUILD_ROOT=" + work.resolve("store") + " " + JbuildProcess.LAUNCHER + " build " + args
                + "; echo EXIT=$?; sleep 600";
        Result started = Fixtures.exec("tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "50", command);
        // Right after kill-server the old server may still hold the socket: the client then says so; again.
        for (int i = 0; i < 50 && started.exitCode() != 0 && started.out().contains("server exited unexpectedly"); i++) {
            Thread.sleep(100);
            started = Fixtures.exec("tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "50", command);
        }
        assertEquals(0, started.exitCode(), started::toString);
    }

    private String screen() throws Exception {
        return Fixtures.exec("tmux", "-L", socket, "capture-pane", "-p").out();
    }

    private String awaitScreen(Predicate<String> shown, String what) throws Exception {
        String s = "";
        for (int i = 0; i < 600; i++) {
            s = screen();
            if (shown.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed " + what + ":\n" + s);
    }

    @Test
    void aTerminalGetsTheLiveViewWithTheFailingStepsWholeOutput() throws Exception {
        Fixtures.requireTool("tmux");
        assertEquals(0, jbuild("import", Fixtures.busyboxTar().toString(), "busybox:latest").exitCode());
        Path ctx = context();
        startInTerminal(ctx.toString());

        // While the last step runs: the elapsed-time header, the step with its time, its output's tail.
        String live = awaitScreen(s -> s.contains(" => watch-me"), "the running step's output");
        assertTrue(live.lines().anyMatch(l -> l.matches("\\[\\+] Building \\d+\\.\\ds \\(\\d+/8\\)")), live);
        assertTrue(live.lines().anyMatch(l -> l.matches("=> \\[4/4] RUN echo watch-me .*  \\d+\\.\\ds")), live);

        String end = awaitScreen(s -> s.contains("EXIT="), "the end of the build");
        List<String> lines = end.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "=> ERROR \\[4/4] RUN echo watch-me && sleep 4 && echo failing-output && exit 3  \\d+\\.\\ds")), end);
        int error = indexOf(lines, l -> l.startsWith("=> ERROR [4/4]"));
        assertEquals(" => watch-me", lines.get(error + 1), "the failing step's whole output stays on screen:\n" + end);
        assertEquals(" => failing-output", lines.get(error + 2), end);
        assertTrue(lines.stream().anyMatch(l -> l.matches("=> \\[a 2/2] RUN echo in-a && sleep 1  \\d+\\.\\ds")), end);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[\\+] Building \\d+\\.\\ds \\(8/8\\) FAILED")), end);
        assertTrue(end.contains("Dockerfile:8: RUN echo watch-me"), end);
        assertTrue(lines.contains("EXIT=1"), end);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("STEP ")), "no plain lines on a terminal:\n" + end);

        // Again: the stages before are CACHED, marked so.
        Fixtures.exec("tmux", "-L", socket, "kill-server");
        startInTerminal(ctx.toString());
        String again = awaitScreen(s -> s.contains("EXIT="), "the end of the second build");
        assertTrue(again.lines().anyMatch(l -> l.equals("=> CACHED [a 2/2] RUN echo in-a && sleep 1")), again);
        assertTrue(again.lines().anyMatch(l -> l.matches("\\[\\+] Building .* FAILED, 4 cached")), again);
    }

    @Test
    void aBrokenDockerfileOnATerminalIsOneLineAndNothingElse() throws Exception {
        Fixtures.requireTool("tmux");
        Path ctx = Files.createDirectories(work.resolve("broken"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nFROBNICATE x\n");
        startInTerminal(ctx.toString());
        String end = awaitScreen(s -> s.contains("EXIT="), "the end of the build");
        assertEquals(List.of("jbuild: build: " + ctx.resolve("Dockerfile") + ":2: unknown instruction: FROBNICATE", "EXIT=1"),
                end.lines().filter(l -> !l.isBlank()).toList(), end);
    }

    @Test
    void plainAndRawjsonAreText() throws Exception {
        assertEquals(0, jbuild("import", Fixtures.busyboxTar().toString(), "busybox:latest").exitCode());
        Path ctx = context();
        Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE.replace(" && sleep 4 && echo failing-output && exit 3", ""));
        Result plain = jbuild("build", "--progress=plain", ctx.toString());
        assertEquals(0, plain.exitCode(), plain::toString);
        assertTrue(plain.out().lines().anyMatch("[a] STEP 2/2: RUN echo in-a && sleep 1"::equals), plain.out());
        assertTrue(plain.out().lines().anyMatch("watch-me"::equals), plain.out());

        Result json = jbuild("build", "--progress=rawjson", ctx.toString());
        assertEquals(0, json.exitCode(), json::toString);
        List<JsonNode> events = new ArrayList<>();
        List<String> lines = json.out().lines().toList();
        for (String line : lines.subList(0, lines.size() - 1)) { // the image ID ends the output, as always
            events.add(new ObjectMapper().readTree(line));
        }
        assertEquals(8, events.stream().filter(e -> e.get("type").asText().equals("step") && e.has("instruction")).count());
        assertEquals(5, events.stream().filter(e -> e.path("status").asText().equals("cached")).count(), json.out());
        assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("message")
                && e.get("text").asText().startsWith("COMMIT")), json.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("sha256:"), json.out());

        Result nocache = jbuild("build", "--no-cache", "--progress=rawjson", ctx.toString());
        assertTrue(nocache.out().lines().anyMatch(l -> l.contains("\"type\":\"log\"") && l.contains("\"data\":\"watch-me\\n\"")),
                nocache.out());
        assertTrue(nocache.out().lines().anyMatch(l -> l.matches("\\{\"type\":\"step\",\"id\":\\d+,\"status\":\"done\",\"seconds\":[0-9.]+}")),
                nocache.out());
    }

    private static int indexOf(List<String> lines, Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
