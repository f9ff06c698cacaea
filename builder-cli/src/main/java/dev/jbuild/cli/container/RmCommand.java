package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.container.Container;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild rm [-f] CONTAINER...}. */
@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Remove containers and their writable layers.")
public final class RmCommand implements Callable<Integer> {

    @Option(names = {"-f", "--force"}, description = "Kill and remove a running container.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> references;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        for (String ref : references) {
            Container c = ctx.containers().find(ref);
            if (ctx.containers().status(c).running()) {
                if (!force) {
                    throw new JbuildFailure("rm: cannot remove container \"/" + c.name()
                            + "\": container is running: stop the container before removing or force remove (-f)");
                }
                ctx.runtime().stop(c, 0);
            }
            ctx.containers().remove(c);
            System.out.println(ref);
        }
        return 0;
    }
}
