package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * --ssh as buildx takes it: {@code default} or {@code ID} alone (the caller's agent, $SSH_AUTH_SOCK), or
 * {@code ID=PATH[,PATH…]}: an agent's socket, or key files that an ssh-agent of jbuild's own holds for the
 * build (started with a parent-death signal, ended when the build ends). RUN --mount=type=ssh gets the
 * socket; no key, socket path or agent output reaches a layer, a key or the build's output.
 */
final class BuildSsh implements AutoCloseable {
    private final Map<String, Path> sockets;
    private final List<Process> agents;
    private final List<Path> dirs;

    private BuildSsh(Map<String, Path> sockets, List<Process> agents, List<Path> dirs) {
        this.sockets = Map.copyOf(sockets);
        this.agents = agents;
        this.dirs = dirs;
    }

    static BuildSsh of(List<String> specs, UnaryOperator<String> environment, Supplier<TempFiles> temp) throws IOException {
        Map<String, Path> sockets = new LinkedHashMap<>();
        BuildSsh opened = new BuildSsh(Map.of(), new ArrayList<>(), new ArrayList<>());
        try {
            for (String spec : specs) {
                int eq = spec.indexOf('=');
                String id = eq < 0 ? spec : spec.substring(0, eq);
                if (id.isEmpty()) {
                    throw new JbuildFailure("build: --ssh " + spec + ": expected default, ID or ID=PATH[,PATH]");
                }
                if (eq < 0) {
                    String agent = environment.apply("SSH_AUTH_SOCK");
                    if (agent == null || agent.isEmpty()) {
                        throw new JbuildFailure("build: --ssh " + spec + ": SSH_AUTH_SOCK is not set (start ssh-agent, or give ID=PATH)");
                    }
                    sockets.put(id, socket(spec, Path.of(agent)));
                    continue;
                }
                List<Path> paths = List.of(spec.substring(eq + 1).split(",")).stream().map(Path::of).toList();
                if (paths.size() == 1 && Posix.isSocket(paths.get(0))) {
                    sockets.put(id, paths.get(0));
                } else {
                    sockets.put(id, opened.agentHolding(spec, paths, temp.get()));
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return new BuildSsh(sockets, opened.agents, opened.dirs);
    }

    private static Path socket(String spec, Path path) {
        if (!Posix.isSocket(path)) {
            throw new JbuildFailure("build: --ssh " + spec + ": " + path + (Files.exists(path) ? " is not a socket" : " does not exist"));
        }
        return path;
    }

    /** An ssh-agent of the build's own, holding the keys; its socket. */
    private Path agentHolding(String spec, List<Path> keys, TempFiles temp) throws IOException {
        for (Path key : keys) {
            if (!Files.isRegularFile(key)) {
                throw new JbuildFailure("build: --ssh " + spec + ": " + key + (Files.exists(key) ? " is neither a socket nor a key file" : " does not exist"));
            }
        }
        Path dir = temp.createDirectory("ssh");
        dirs.add(dir);
        Path socket = dir.resolve("agent");
        Process agent = new ProcessBuilder("setpriv", "--pdeathsig", "KILL", "ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        agents.add(agent);
        for (int i = 0; i < 200 && !Posix.isSocket(socket) && agent.isAlive(); i++) { // until it listens (a hang guard)
            sleep();
        }
        if (!Posix.isSocket(socket)) {
            throw new JbuildFailure("build: --ssh " + spec + ": ssh-agent did not start (apt-get install openssh-client)");
        }
        List<String> add = new ArrayList<>(List.of("ssh-add", "-q"));
        keys.forEach(k -> add.add(k.toString()));
        ProcessBuilder pb = new ProcessBuilder(add).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        pb.environment().remove("SSH_ASKPASS");
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new JbuildFailure("build: --ssh " + spec + ": ssh-add refused the keys (one with a passphrase needs your own agent): "
                        + said.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return socket;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** id → the agent socket. */
    Map<String, Path> sockets() {
        return sockets;
    }

    @Override
    public void close() throws IOException {
        for (Process agent : agents) {
            agent.destroy();
            try {
                agent.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Path dir : dirs) {
            Trees.delete(dir);
        }
    }
}
