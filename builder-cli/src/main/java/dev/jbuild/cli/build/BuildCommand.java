package dev.jbuild.cli.build;

import dev.jbuild.cli.JbuildFailure;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild build}: for now the Dockerfile check; image builds arrive with the build engine. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Build an image from a Dockerfile.",
            "With --check, parse and check the Dockerfile (and .dockerignore) and report every problem as",
            "FILE:LINE: message, without building; exit 1 when there are problems."})
public final class BuildCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The Dockerfile (default: CONTEXT/Dockerfile; '-' reads it from standard input).")
    String file;

    @Option(names = "--check", description = "Check the Dockerfile and report problems instead of building.")
    boolean check;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "CONTEXT",
            description = "The build context directory, or '-' for a Dockerfile on standard input (default: .).")
    String context;

    @Override
    public Integer call() {
        BuildInputs inputs = BuildInputs.resolve(context, file);
        if (!check) {
            throw new JbuildFailure("build: building images is not available in this version yet;"
                    + " 'jbuild build --check' checks a Dockerfile");
        }
        return new DockerfileCheck(System.out, System.err).run(inputs);
    }

    /** The Dockerfile a context holds when -f does not name one. */
    static Path defaultDockerfile(Path contextDir) {
        return contextDir.resolve("Dockerfile");
    }
}
