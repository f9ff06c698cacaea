package dev.jbuild.executor.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.sandbox.Volume;
import java.util.List;

/**
 * What a container was created with (config.json in its directory): fixed for its life, as in docker.
 *
 * @param command the command as given (entrypoint and cmd combined), before PATH lookup
 * @param seccompUnconfined --security-opt seccomp=unconfined: the command runs without the default seccomp filter
 * @param resources         --ulimit and --shm-size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerConfig(String id, String name, String image, String imageId, String created, List<String> command,
                             List<String> env, String workdir, String user, String hostname, ContainerNetwork network,
                             List<Volume> volumes, boolean init, boolean tty, boolean autoRemove,
                             boolean seccompUnconfined, Resources resources) {
    public ContainerConfig {
        command = List.copyOf(command);
        env = List.copyOf(env);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        network = network == null ? ContainerNetwork.HOST : network;
        resources = resources == null ? Resources.DEFAULT : resources;
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
