package dev.jbuild.dockerfile;

/** The lines (1-based, inclusive) an instruction occupies, continuation and heredoc lines included. */
public record SourceRange(int startLine, int endLine) {

    public static SourceRange line(int line) {
        return new SourceRange(line, line);
    }

    @Override
    public String toString() {
        return startLine == endLine ? Integer.toString(startLine) : startLine + "-" + endLine;
    }
}
