package dev.jbuild.cli.imagebuild;

import dev.jbuild.dockerfile.DockerfileChecker;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Problem;
import dev.jbuild.dockerfile.ignore.IgnoreFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code jbuild build --check}: prints every problem as FILE:LINE: message; exit 1 when there is any. */
final class DockerfileCheck {
    private final PrintStream out;
    private final PrintStream err;

    DockerfileCheck(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(BuildInputs inputs) {
        List<String> lines = new ArrayList<>();
        int errors = 0;
        int warnings = 0;
        List<Problem> problems;
        try {
            problems = DockerfileChecker.check(inputs.readDockerfile());
        } catch (DockerfileException e) {
            problems = List.of(Problem.error(e.line(), e.reason()));
        }
        for (Problem p : problems) {
            lines.add(p.describe(inputs.displayName()));
            if (p.isError()) {
                errors++;
            } else {
                warnings++;
            }
        }
        Optional<String> ignoreProblem = checkIgnoreFile(inputs);
        if (ignoreProblem.isPresent()) {
            lines.add(ignoreProblem.get());
            errors++;
        }
        lines.forEach(out::println);
        if (errors + warnings == 0) {
            out.println(inputs.displayName() + ": no problems found");
            return 0;
        }
        err.println("jbuild: build --check: " + count(errors, "error") + ", " + count(warnings, "warning")
                + " in " + inputs.displayName());
        return 1;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static Optional<String> checkIgnoreFile(BuildInputs inputs) {
        if (inputs.contextDir().isEmpty()) {
            return Optional.empty();
        }
        Path context = inputs.contextDir().get();
        Optional<Path> ignore = IgnoreFile.locate(context, inputs.dockerfile().orElse(context.resolve("Dockerfile")));
        if (ignore.isEmpty()) {
            return Optional.empty();
        }
        try {
            IgnoreFile.forBuild(context, inputs.dockerfile().orElse(context.resolve("Dockerfile")));
            return Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.of(ignore.get().normalize() + ": " + e.getMessage());
        }
    }
}
