package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.network.ContainerNetwork;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one run of a container needs: its directory (with the mounted overlay at merged/ and
 * the generated /etc files), the resolved command, environment, working directory and ids.
 *
 * @param init the host's static init binary to run the command under, or null
 * @param tty  give the command a pseudo-terminal (run -t)
 * @param seccomp the default seccomp filter (false: --security-opt seccomp=unconfined)
 * @param resources ulimits (set by the sandbox program) and the size of /dev/shm
 */
public record SandboxSpec(Path dir, Path merged, List<String> argv, List<String> env, String workdir, UserIds user,
                          String hostname, ContainerNetwork network, List<Volume> volumes, Path init, boolean tty,
                          boolean seccomp, Resources resources) {
    public SandboxSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
    }
}
