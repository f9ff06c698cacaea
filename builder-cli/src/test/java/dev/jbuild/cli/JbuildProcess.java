package dev.jbuild.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real bin/jbuild launcher, as a user would, and captures what it printed. */
final class JbuildProcess {
    static final Path PROJECT = Paths.get(System.getProperty("jbuild.projectRoot", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = PROJECT.resolve("bin/jbuild");

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private JbuildProcess() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), null, PROJECT, args);
    }

    /** Runs jbuild on the store at {@code store}. */
    static Result inStore(Path store, String... args) throws IOException, InterruptedException {
        return run(Map.of("JBUILD_ROOT", store.toString()), null, PROJECT, args);
    }

    /** The same, failing the test unless jbuild exits 0. */
    static Result okInStore(Path store, String... args) throws IOException, InterruptedException {
        Result r = inStore(store, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("jbuild " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
    }

    /** Removes a store from inside the namespace (its files belong to subordinate ids). */
    static void removeStore(Path store) throws IOException, InterruptedException {
        okInStore(store, "unshare", "rm", "-rf", store.toString());
    }

    static Result run(Map<String, String> env, byte[] stdin, Path workDir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("JBUILD_USERNS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("jbuild-out", ".txt");
        Path err = Files.createTempFile("jbuild-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("jbuild " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
