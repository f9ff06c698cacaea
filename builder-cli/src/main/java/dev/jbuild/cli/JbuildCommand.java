package dev.jbuild.cli;

import dev.jbuild.cli.build.BuildCommand;
import dev.jbuild.cli.unshare.UnshareCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code jbuild} command: global options and the subcommands. */
@Command(name = "jbuild",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Build, run and push container images without a daemon and without root.",
        subcommands = {BuildCommand.class, UnshareCommand.class, CompletionCommand.class, HelpCommand.class},
        footer = {"", "Run 'jbuild help COMMAND' for more information on a command."})
public final class JbuildCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
