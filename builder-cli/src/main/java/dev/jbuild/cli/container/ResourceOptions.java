package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.sandbox.SandboxException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --ulimit and --shm-size, as docker run and docker build take them: of a container's command, or of each RUN step. */
public final class ResourceOptions {

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "A resource limit of the command, or of each RUN step"
            + " (nofile=1024:2048; -1: unlimited).")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--shm-size", paramLabel = "SIZE", description = "Size of /dev/shm (default 64m).")
    String shmSize;

    /** Checked; a bad value is one line naming it, {@code command}'s failure with {@code exitCode}. */
    public Resources resources(String command, int exitCode) {
        try {
            return Resources.parse(ulimits, shmSize);
        } catch (SandboxException e) {
            throw new JbuildFailure(command + ": " + e.getMessage(), exitCode);
        }
    }
}
