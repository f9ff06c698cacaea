package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The context directory and the Dockerfile of a build, as docker resolves them: {@code -f} is
 * relative to the working directory; without it the Dockerfile is CONTEXT/Dockerfile; a context
 * of {@code -} (or {@code -f -}) reads the Dockerfile from standard input.
 *
 * @param displayName how messages name the Dockerfile ({@code Dockerfile}, {@code app/Dockerfile}, {@code -})
 */
record BuildInputs(Optional<Path> contextDir, Optional<Path> dockerfile, String displayName, InputStream stdin) {

    /** @param stdin where {@code -} reads the Dockerfile */
    static BuildInputs resolve(String context, String file, InputStream stdin) {
        boolean fromStdin = "-".equals(context) || "-".equals(file);
        Optional<Path> contextDir = Optional.empty();
        if (!"-".equals(context)) {
            Path dir = Paths.get(context);
            if (!Files.isDirectory(dir)) {
                throw new JbuildFailure("build: context " + context
                        + (Files.exists(dir) ? " is not a directory" : " does not exist"));
            }
            contextDir = Optional.of(dir);
        }
        if (fromStdin) {
            return new BuildInputs(contextDir, Optional.empty(), "-", stdin);
        }
        Path dockerfile = file != null ? Paths.get(file) : BuildCommand.defaultDockerfile(contextDir.orElseThrow());
        return new BuildInputs(contextDir, Optional.of(dockerfile), dockerfile.normalize().toString(), stdin);
    }

    /** The Dockerfile's text; failures are DockerfileExceptions that the caller names with {@link #displayName}. */
    String readDockerfile() {
        if (dockerfile.isPresent()) {
            return DockerfileSource.read(dockerfile.get());
        }
        try {
            return DockerfileSource.decode(stdin.readAllBytes());
        } catch (IOException e) {
            throw new DockerfileException(0, "cannot read standard input: " + e.getMessage());
        }
    }
}
