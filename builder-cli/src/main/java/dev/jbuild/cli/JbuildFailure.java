package dev.jbuild.cli;

/**
 * A command that failed for a reason the user can act on. The message is printed as
 * {@code jbuild: <message>}; the exit code is the command's.
 */
public class JbuildFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public JbuildFailure(String message) {
        this(message, 1);
    }

    public JbuildFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
