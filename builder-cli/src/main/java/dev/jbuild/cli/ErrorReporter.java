package dev.jbuild.cli;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.executor.container.LineStart;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.fs.IoErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns any failure into one line {@code jbuild: <what>: <why>} and exit code 1; stack traces only with --debug. */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean debug = parsed.matchedOption("--debug") != null
                || (parsed.hasSubcommand() && hasDebug(parsed));
        return report(e, cmd.getCommandName(), debug, cmd.getErr());
    }

    /** The one line for failure e of command name (its stack trace too with debug); returns the exit code. */
    static int report(Exception e, String name, boolean debug, java.io.PrintWriter err) {
        String message;
        int exit = 1;
        if (e instanceof JbuildFailure f) {
            message = f.getMessage();
            exit = f.exitCode();
        } else if (e instanceof DockerfileException d) {
            message = d.describe("Dockerfile");
        } else if (e instanceof SandboxException s) {
            message = name + ": " + s.getMessage();
            exit = s.exitCode();
        } else if (e instanceof StoreException s) {
            message = name + ": " + s.getMessage();
        } else if (e instanceof java.io.IOException io) {
            message = name + ": " + IoErrors.describe(io);
        } else if (e instanceof java.io.UncheckedIOException io) {
            message = name + ": " + IoErrors.describe(io.getCause());
        } else {
            message = name + ": internal error" + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (debug ? "" : " (run with --debug for details)");
        }
        if (!LineStart.atLineStart()) {
            err.println(); // a failed step's last output line had no newline
        }
        err.println("jbuild: " + oneLine(message));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    private static boolean hasDebug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.matchedOption("--debug") != null) {
                return true;
            }
        }
        return false;
    }

    /** What a word of an error may keep of itself: a path of 10 kB from a hostile layer makes no 10 kB line. */
    private static final int LONGEST_WORD = 200;

    static String oneLine(String message) {
        String line = message.replace('\n', ' ').replace('\r', ' ');
        if (line.length() <= LONGEST_WORD) {
            return line;
        }
        StringBuilder b = new StringBuilder();
        for (String word : line.split(" ", -1)) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(word.length() <= LONGEST_WORD ? word
                    : word.substring(0, 120) + "...(" + (word.length() - 180) + " more characters)..." + word.substring(word.length() - 60));
        }
        return b.toString();
    }
}
