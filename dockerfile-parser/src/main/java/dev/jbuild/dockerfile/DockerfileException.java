package dev.jbuild.dockerfile;

/**
 * A Dockerfile that cannot be used: the message is meant for the user and names the line.
 * The file name is not known where the error is found, so {@link #describe(String)} adds it.
 */
public class DockerfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public DockerfileException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }

    /** {@code Dockerfile:12: reason}, the form every jbuild message about a Dockerfile takes. */
    public String describe(String fileName) {
        return line > 0 ? fileName + ":" + line + ": " + reason : fileName + ": " + reason;
    }
}
