package dev.jbuild.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A mistyped command line: one line naming the problem and where to find help, exit code 2. */
final class UsageErrorReporter implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && cmd.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command \"" + u.getUnmatched().get(0) + "\"";
        }
        cmd.getErr().println("jbuild: " + message);
        String name = cmd.getCommandSpec().qualifiedName(" ");
        cmd.getErr().println("See '" + name + " --help'.");
        return 2;
    }
}
