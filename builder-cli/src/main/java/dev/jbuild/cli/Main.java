package dev.jbuild.cli;

import dev.jbuild.store.Digest;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Entry point of the {@code jbuild} command (started by the bin/jbuild launcher). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Global options that take the next word as their value (bin/jbuild skips the same ones). */
    private static final java.util.Set<String> GLOBAL_WITH_VALUE = java.util.Set.of("--root", "--isolation");

    /** Where the command's name is: the first word after the global options (args.length: none). */
    private static int commandIndex(String[] args) {
        int i = 0;
        while (i < args.length && (args[i].equals("--debug") || GLOBAL_WITH_VALUE.contains(args[i])
                || args[i].startsWith("--root=") || args[i].startsWith("--isolation="))) {
            i += GLOBAL_WITH_VALUE.contains(args[i]) ? 2 : 1;
        }
        return Math.min(i, args.length);
    }

    /** Only the named command's model is built; every command's for help, completion and unknown names. */
    private static void registerSubcommands(CommandLine cli, JbuildCommand jbuild, String name) {
        boolean one = name != null && !JbuildCommand.OVER_EVERY_COMMAND.contains(name) && JbuildCommand.COMMANDS.containsKey(name);
        JbuildCommand.COMMANDS.forEach((commandName, type) -> {
            if (one && !commandName.equals(name)) {
                return;
            }
            try {
                cli.addSubcommand(commandName, new CommandLine(CommandModels.of(type.getDeclaredConstructor().newInstance(), jbuild)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the " + commandName + " command", e);
            }
        });
    }

    /** Runs a command QuickCommandLine read, with the exit code and one-line errors picocli's execution gives. */
    private static int execute(QuickCommandLine.Parsed parsed) {
        try {
            if (parsed.command() instanceof Callable<?> callable) {
                return callable.call() instanceof Integer code ? code : 0;
            }
            ((Runnable) parsed.command()).run();
            return 0;
        } catch (Exception e) {
            return ErrorReporter.report(e, parsed.name(), parsed.top().debug, new PrintWriter(System.err, true));
        }
    }

    /** {@code jbuild -t app:1.0 .} means {@code jbuild build -t app:1.0 .}, as the project's card shows. */
    static String[] withBuildShorthand(String[] args) {
        int i = commandIndex(args);
        if (i < args.length && (args[i].equals("-t") || args[i].equals("--tag") || args[i].startsWith("--tag=")
                || (args[i].startsWith("-t") && args[i].length() > 2 && !args[i].startsWith("--")))) {
            String[] out = new String[args.length + 1];
            System.arraycopy(args, 0, out, 0, i);
            out[i] = "build";
            System.arraycopy(args, i, out, i + 1, args.length - i);
            return out;
        }
        return args;
    }

    static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The most frequent probe of a CLI answers without building the whole command model.
            try {
                for (String line : new VersionProvider().getVersion()) {
                    System.out.println(line);
                }
                return 0;
            } catch (java.io.IOException e) {
                System.err.println("jbuild: --version: " + e.getMessage());
                return 1;
            }
        }
        args = withBuildShorthand(args);
        int command = commandIndex(args);
        String name = command < args.length ? args[command] : null;
        if (name != null) {
            headStart(name);
        }
        Optional<QuickCommandLine.Parsed> quick;
        try {
            quick = QuickCommandLine.parse(args);
        } catch (Exception e) {
            quick = Optional.empty(); // picocli reads the line and reports what is wrong with it
        }
        if (quick.isPresent()) {
            return execute(quick.get());
        }
        // No option takes a date or an SQL type: picocli need not look up their parsers by reflection.
        System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        JbuildCommand jbuild = new JbuildCommand();
        CommandLine cli = new CommandLine(CommandModels.of(jbuild, null));
        registerSubcommands(cli, jbuild, name);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new UsageErrorReporter());
        stopAtPositional(cli);
        return cli.execute(args);
    }

    /**
     * What the command will need first and costs most to set up, begun on another core before its line is
     * even read (the JVM has more cores than the command's one thread uses at start).
     */
    private static void headStart(String command) {
        switch (command) {
            case "build" -> Digest.prepare(); // the security providers behind sha256 (a run finds its chain IDs recorded)
            default -> {
            }
        }
    }

    /** Everything after the command (run IMAGE, exec CONTAINER) belongs to it, as with `sh -c`. */
    static void stopAtPositional(CommandLine cli) {
        for (String name : QuickCommandLine.STOP_AT_POSITIONAL) {
            CommandLine sub = cli.getSubcommands().get(name);
            if (sub != null) {
                sub.setStopAtPositional(true);
                sub.setUnmatchedOptionsArePositionalParams(name.equals("unshare"));
            }
        }
    }
}
