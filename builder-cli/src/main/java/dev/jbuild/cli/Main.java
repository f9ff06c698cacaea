package dev.jbuild.cli;

import picocli.CommandLine;

/** Entry point of the {@code jbuild} command (started by the bin/jbuild launcher). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new JbuildCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new UsageErrorReporter());
        // Everything after the command name belongs to the command, as with `sh -c`.
        CommandLine unshare = cli.getSubcommands().get("unshare");
        unshare.setStopAtPositional(true);
        unshare.setUnmatchedOptionsArePositionalParams(true);
        return cli.execute(args);
    }
}
