package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.instruction.Arg;
import dev.jbuild.dockerfile.syntax.Directives;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: the ARGs before the first FROM (usable in every FROM), and the stages.
 *
 * @param warnings findings that do not stop a build (see {@link DockerfileChecker} for all of them)
 */
public record Dockerfile(Directives directives, List<Arg> metaArgs, List<Stage> stages, List<Problem> warnings) {

    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    public char escape() {
        return directives.escape();
    }

    /** The stage {@code --target} names: by name (any case) or by index. */
    public Optional<Stage> stage(String reference) {
        return stages.stream().filter(s -> s.answersTo(reference)).findFirst();
    }
}
