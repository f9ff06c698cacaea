package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress on a terminal: one line per blob, redrawn in place (ANSI cursor-up and clear-line)
 * at most ten times a second, as docker shows a pull.
 */
public final class TerminalProgress implements TransferProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    public TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(Digest blob, long done, long total) {
        lines.put(blob.shortId(), blob.shortId() + ": Downloading " + megabytes(done) + "/" + megabytes(total));
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            redraw();
        }
    }

    @Override
    public synchronized void finished(String line) {
        String id = line.substring(0, Math.max(0, line.indexOf(':')));
        lines.put(id, line);
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
