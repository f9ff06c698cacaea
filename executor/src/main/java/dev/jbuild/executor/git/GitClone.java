package dev.jbuild.executor.git;

import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shallow clone with the system's git (what users have, with their credentials and SSH set-up):
 * init, fetch of the one ref at depth 1, checkout, submodules. Never asks on a terminal. Failures are
 * IOExceptions with one line: what git did and the last line it said.
 */
public final class GitClone {
    private GitClone() {
    }

    /** What was checked out: the commit, and the directory to use (SUBDIR, or the repository's root). */
    public record Checkout(String commit, Path root) {
    }

    /** The checkout in {@code dir}. */
    public static Checkout fetch(GitSource source, Path dir, boolean keepGitDir) throws IOException {
        Files.createDirectories(dir);
        git(dir, "init", "-q");
        git(dir, "fetch", "-q", "--depth", "1", "--no-tags", source.url(), source.ref());
        git(dir, "checkout", "-q", "FETCH_HEAD");
        String commit = git(dir, "rev-parse", "HEAD");
        if (Files.exists(dir.resolve(".gitmodules"))) {
            git(dir, "submodule", "update", "-q", "--init", "--recursive", "--depth", "1");
        }
        if (!keepGitDir) {
            Trees.delete(dir.resolve(".git"));
        }
        Path root = dir.resolve(source.subdir()).normalize();
        if (!root.startsWith(dir) || !Files.isDirectory(root)) {
            throw new IOException("no directory " + source.subdir() + " in the repository");
        }
        return new Checkout(commit, root);
    }

    /** What git printed (stdout and stderr), stripped. */
    private static String git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run git (apt-get install git): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                String last = out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse(out);
                throw new IOException("git " + args[0] + " failed: " + last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
