package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.cli.output.Table;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.Status;
import dev.jbuild.store.Timestamps;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild ps [-a] [-q] [--no-trunc]} with docker's columns. */
@Command(name = "ps", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "List containers (running ones; all with -a).")
public final class PsCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Show all containers, not only running ones.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only container IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Do not shorten IDs and commands.")
    boolean noTrunc;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        Table table = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        Instant now = Instant.now();
        for (Container c : ctx.containers().list()) {
            java.util.Optional<Status> present = ctx.containers().statusIfPresent(c);
            if (present.isEmpty()) {
                continue;
            }
            Status status = present.get();
            if (!all && !status.running()) {
                continue;
            }
            String id = noTrunc ? c.id() : c.config().shortId();
            if (quiet) {
                System.out.println(id);
                continue;
            }
            table.add(id, c.config().image(), "\"" + command(c) + "\"",
                    HumanUnits.ago(Timestamps.parse(c.config().created()), now), describe(status, now), c.config().network().describePorts(), c.name());
        }
        if (!quiet) {
            table.print(System.out);
        }
        return 0;
    }

    private String command(Container c) {
        String command = String.join(" ", c.config().command());
        return noTrunc || command.length() <= 20 ? command : command.substring(0, 19) + "…";
    }

    static String describe(Status status, Instant now) {
        return switch (status.state()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + HumanUnits.duration(Duration.between(status.since(), now));
            case EXITED -> "Exited (" + status.exitCode() + ") " + HumanUnits.ago(status.since(), now);
        };
    }
}
