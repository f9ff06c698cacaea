package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.ContainerRuntime;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild start [-a] [-i] CONTAINER...}: runs a stopped container again, its writable layer intact. */
@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Start stopped containers again; their files are as they left them.")
public final class StartCommand implements Callable<Integer> {

    @Option(names = {"-a", "--attach"}, description = "Attach to the output and exit with the container's exit code.")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach standard input.")
    boolean interactive;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> references;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        if ((attach || interactive) && references.size() > 1) {
            throw new JbuildFailure("start: you cannot start and attach multiple containers at once");
        }
        for (String ref : references) {
            Container c = ctx.containers().find(ref);
            if (attach || interactive) {
                return ctx.runtime().start(c, ctx.imageOf(c), interactive ? ContainerRuntime.Attach.FOREGROUND_WITH_STDIN
                        : ContainerRuntime.Attach.FOREGROUND);
            }
            ctx.runtime().start(c, ctx.imageOf(c), ContainerRuntime.Attach.DETACHED);
            System.out.println(ref);
        }
        return 0;
    }
}
