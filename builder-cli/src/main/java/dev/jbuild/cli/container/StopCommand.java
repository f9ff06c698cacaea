package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.executor.container.Container;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild stop [-t SECONDS] CONTAINER...}: SIGTERM, then SIGKILL after the grace period. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Stop running containers: SIGTERM to their main process, SIGKILL after a grace period.")
public final class StopCommand implements Callable<Integer> {

    @Option(names = {"-t", "--time"}, defaultValue = "10", description = "Seconds to wait before killing (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> references;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        for (String ref : references) {
            Container c = ctx.containers().find(ref);
            ctx.runtime().stop(c, seconds);
            System.out.println(ref);
        }
        return 0;
    }
}
