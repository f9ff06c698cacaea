package dev.jbuild.executor.network;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.Optional;

/**
 * The networks a build's RUN steps may have: {@code steps} for each unless it asks for another with
 * {@code RUN --network}. none is always granted; host only when the whole build is on the host's network or
 * the caller granted BuildKit's network.host entitlement ({@code --allow network.host}), so that a Dockerfile
 * cannot take its steps out of the private network by itself. --add-host's entries go to every step's /etc/hosts.
 */
public record BuildNetwork(ContainerNetwork steps, boolean hostAllowed) {

    /** What {@code RUN --network=VALUE} (empty: no option) gets. */
    public ContainerNetwork forInstruction(Optional<String> requested) {
        if (steps.isNone() || requested.isEmpty()) {
            return steps;
        }
        return switch (requested.get()) {
            case "none" -> ContainerNetwork.NONE.withExtraHosts(steps.extraHosts());
            case "host" -> {
                if (!hostAllowed && steps.mode() != ContainerNetwork.Mode.HOST) {
                    throw new SandboxException("RUN --network=host needs the network.host entitlement: build --allow network.host", 1);
                }
                yield ContainerNetwork.HOST.withExtraHosts(steps.extraHosts());
            }
            default -> steps;
        };
    }
}
