package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.executor.container.Container;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild exec [-i] [-t] [-e K=V] [-u USER] [-w DIR] CONTAINER COMMAND [ARG...]}. */
@Command(name = "exec", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Run a command in a running container (its namespaces, root, environment and user).")
public final class ExecCommand implements Callable<Integer> {

    @Option(names = {"-i", "--interactive"}, description = "Keep standard input open.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a pseudo-terminal.")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]")
    String user;

    @Option(names = {"-w", "--workdir"})
    String workdir;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        Container c = ctx.containers().find(container);
        return ctx.runtime().exec(c, command, env, user, workdir, interactive, tty);
    }
}
