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
        String message;
        int exit = 1;
        if (e instanceof JbuildFailure f) {
            message = f.getMessage();
            exit = f.exitCode();
        } else if (e instanceof DockerfileException d) {
            message = d.describe("Dockerfile");
        } else if (e instanceof SandboxException s) {
            message = cmd.getCommandName() + ": " + s.getMessage();
            exit = s.exitCode();
        } else if (e instanceof StoreException s) {
            message = cmd.getCommandName() + ": " + s.getMessage();
        } else if (e instanceof java.io.IOException io) {
            message = cmd.getCommandName() + ": " + IoErrors.describe(io);
        } else if (e instanceof java.io.UncheckedIOException io) {
            message = cmd.getCommandName() + ": " + IoErrors.describe(io.getCause());
        } else {
            message = cmd.getCommandName() + ": internal error" + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (debug ? "" : " (run with --debug for details)");
        }
        if (!LineStart.atLineStart()) {
            cmd.getErr().println(); // a failed step's last output line had no newline
        }
        cmd.getErr().println("jbuild: " + oneLine(message));
        if (debug) {
            e.printStackTrace(cmd.getErr());
        }
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

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
