package dev.jbuild.executor.container;

import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.sandbox.Volume;
import java.util.List;

/**
 * What {@code jbuild run} was asked for, before the image's config fills the gaps.
 *
 * @param entrypoint null keeps the image's; "" clears it
 * @param command    empty keeps the image's CMD
 */
public record RunRequest(String image, String name, List<String> env, String workdir, String user, List<Volume> volumes,
                         ContainerNetwork network, String hostname, String entrypoint, boolean init, boolean tty,
                         boolean autoRemove, List<String> command, boolean seccompUnconfined,
                         Resources resources) {
}
