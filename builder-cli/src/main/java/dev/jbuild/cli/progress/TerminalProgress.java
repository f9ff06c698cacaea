package dev.jbuild.cli.progress;

import dev.jbuild.store.Digest;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.oci.Descriptor;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress of a pull, push or copy on a terminal: one line per blob, redrawn in place (ANSI cursor-up
 * and clear-line) at most ten times a second, as docker shows a pull.
 */
public final class TerminalProgress implements CopyProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final BlobWords words;
    private final Map<Digest, String> lines = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    public TerminalProgress(PrintStream out, BlobWords words) {
        this.out = out;
        this.words = words;
    }

    /** Live lines for a person at a terminal; plain final lines for logs and CI. */
    public static CopyProgress forOutput(PrintStream out, BlobWords words) {
        boolean terminal = System.console() != null && !"true".equals(System.getenv("CI"));
        return terminal ? new TerminalProgress(out, words) : CopyProgress.lines(out, words);
    }

    @Override
    public synchronized void update(Digest blob, long done, long total) {
        lines.put(blob, blob.shortId() + ": " + words.moving() + " " + megabytes(done) + "/" + megabytes(total));
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            redraw();
        }
    }

    @Override
    public synchronized void finished(Descriptor blob, Outcome outcome) {
        lines.put(blob.digest(), words.apply(blob, outcome));
        redraw();
    }

    private void redraw() {
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\033[").append(drawn).append('A');
        }
        for (String line : lines.values()) {
            sb.append("\033[2K").append(line).append('\n');
        }
        drawn = lines.size();
        out.print(sb);
        out.flush();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1fMB", bytes / 1e6);
    }
}
