package dev.jbuild.cli.context;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shallow clone with the system's git (what users have, with their credentials and SSH set-up):
 * init, fetch of the one ref at depth 1, checkout, submodules. Never asks on a terminal.
 */
final class GitClone {
    private GitClone() {
    }

    /** The checkout's SUBDIR (the repository's root without one). */
    static Path fetch(GitSource source, Path dir, boolean keepGitDir) throws IOException {
        Files.createDirectories(dir);
        git(source, dir, "init", "-q");
        git(source, dir, "fetch", "-q", "--depth", "1", "--no-tags", source.url(), source.ref());
        git(source, dir, "checkout", "-q", "FETCH_HEAD");
        if (Files.exists(dir.resolve(".gitmodules"))) {
            git(source, dir, "submodule", "update", "-q", "--init", "--recursive", "--depth", "1");
        }
        if (!keepGitDir) {
            Trees.delete(dir.resolve(".git"));
        }
        Path root = dir.resolve(source.subdir()).normalize();
        if (!root.startsWith(dir) || !Files.isDirectory(root)) {
            throw new JbuildFailure("build: git context " + source.url() + "#" + source.ref() + ": no directory " + source.subdir());
        }
        return root;
    }

    private static void git(GitSource source, Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new JbuildFailure("build: git context " + source.url() + ": cannot run git (apt-get install git): " + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                String last = out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse(out);
                throw new JbuildFailure("build: git context " + source.url() + "#" + source.ref() + ": git " + args[0] + " failed: " + last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
