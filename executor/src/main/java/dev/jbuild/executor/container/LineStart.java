package dev.jbuild.executor.container;

import java.io.PrintStream;

/**
 * Whether what a reader sees (our stdout and stderr on one terminal or log) ends at the start of a line.
 * A step's output may end without a newline (Maven's colour codes do); jbuild's own lines, such as a
 * build's {@code --> 0.52s}, then start on a new line instead of being glued to it.
 */
public final class LineStart {
    private static volatile boolean atLineStart = true;

    private LineStart() {
    }

    /** A command's output went by. */
    static void wrote(byte[] buffer, int length) {
        if (length > 0) {
            atLineStart = buffer[length - 1] == '\n';
        }
    }

    /** Whether a line printed now would start at the beginning of a line. */
    public static boolean atLineStart() {
        return atLineStart;
    }

    /** Prints {@code line} on a line of its own. */
    public static synchronized void println(PrintStream out, String line) {
        if (!atLineStart) {
            out.println();
        }
        out.println(line);
        out.flush();
        atLineStart = true;
    }
}
