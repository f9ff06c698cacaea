package dev.jbuild.dockerfile;

/** One finding about a Dockerfile: an error stops a build, a warning does not. */
public record Problem(int line, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(int line, String message) {
        return new Problem(line, Severity.ERROR, message);
    }

    public static Problem warning(int line, String message) {
        return new Problem(line, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code Dockerfile:12: message}, with "warning: " before warnings. */
    public String describe(String fileName) {
        String where = line > 0 ? fileName + ":" + line : fileName;
        return where + ": " + (isError() ? "" : "warning: ") + message;
    }
}
