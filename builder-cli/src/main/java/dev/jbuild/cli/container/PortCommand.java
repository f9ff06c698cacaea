package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.network.PortMapping;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild port CONTAINER [PRIVATE_PORT[/PROTO]]}: the published ports, as docker port prints them. */
@Command(name = "port", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "List a container's published ports, or the host address of one of them.")
public final class PortCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String reference;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]")
    String privatePort;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Container c = ContainerContext.open(jbuild.store()).containers().find(reference);
        List<PortMapping> ports = c.config().network().ports();
        if (privatePort == null) {
            ports.forEach(p -> System.out.println(p.containerSide() + " -> " + p.hostIp() + ":" + p.hostPort()));
            return 0;
        }
        String wanted = privatePort.contains("/") ? privatePort : privatePort + "/tcp";
        List<PortMapping> matching = ports.stream().filter(p -> p.containerSide().equals(wanted)).toList();
        if (matching.isEmpty()) {
            throw new JbuildFailure("port: no public port '" + wanted + "' published for " + reference);
        }
        matching.forEach(p -> System.out.println(p.hostIp() + ":" + p.hostPort()));
        return 0;
    }
}
