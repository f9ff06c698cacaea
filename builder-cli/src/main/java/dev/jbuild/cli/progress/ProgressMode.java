package dev.jbuild.cli.progress;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.imagebuild.BuildProgress;
import java.io.PrintStream;

/**
 * --progress=auto|plain|tty|quiet|rawjson, as docker buildx spells it. auto is the live view on a
 * terminal, plain lines otherwise and whenever CI is set (logs keep lines, not redraws).
 */
public final class ProgressMode {
    private ProgressMode() {
    }

    public static BuildProgress of(String mode, PrintStream out, boolean stdoutTaken) {
        return switch (mode) {
            case "quiet" -> BuildProgress.QUIET;
            case "plain" -> new PlainProgress(out);
            case "rawjson" -> new RawJsonProgress(out);
            case "tty" -> new TtyProgress(out, columns());
            case "auto" -> terminal(stdoutTaken) ? new TtyProgress(out, columns()) : new PlainProgress(out);
            default -> throw new JbuildFailure("build: --progress " + mode + ": use auto, plain, tty, quiet or rawjson");
        };
    }

    private static boolean terminal(boolean stdoutTaken) {
        String ci = System.getenv("CI");
        return !stdoutTaken && System.console() != null && (ci == null || ci.isEmpty() || ci.equals("false"))
                && !"dumb".equals(System.getenv("TERM"));
    }

    /** The terminal's width: COLUMNS, else what stty says of the terminal, else 80. */
    private static int columns() {
        try {
            String env = System.getenv("COLUMNS");
            if (env != null) {
                return Integer.parseInt(env.trim());
            }
            Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(p.getInputStream().readAllBytes()).trim().split(" ");
            return p.waitFor() == 0 && size.length == 2 ? Integer.parseInt(size[1]) : 80;
        } catch (java.io.IOException | NumberFormatException e) { // no terminal to ask
            return 80;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 80;
        }
    }
}
