package dev.jbuild.cli.progress;

import dev.jbuild.executor.imagebuild.BuildProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * --progress=tty, the default on a terminal: a live view in BuildKit's manner. Steps that ended are
 * printed once, for good, in the order they started (a failed one with its whole output); below them
 * a live region, redrawn ten times a second, shows the elapsed time and every step still open, a
 * running one with the last lines of its output, and the bytes of blobs being pulled or pushed.
 * Independent stages run side by side there.
 */
final class TtyProgress implements BuildProgress {
    private static final int TAIL = 5;
    private static final int KEPT = 2000; // lines of a step's output kept for showing it when it fails
    private static final String MOVE_UP = "\033[%dF";
    private static final String CLEAR_DOWN = "\033[J";

    private final PrintStream out;
    private final int width;
    private final long start = System.nanoTime();
    private final List<View> steps = new ArrayList<>();
    private final Map<String, String> transfers = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private int printed;
    private int liveLines;
    private boolean finished;

    TtyProgress(PrintStream out, int width) {
        this.out = out;
        this.width = Math.max(40, width);
    }

    @Override
    public Step step(String stage, int number, int total, String instruction) {
        View view = new View((stage.isEmpty() ? "" : stage + " ") + number + "/" + total, instruction);
        synchronized (this) {
            if (steps.isEmpty()) { // nothing is drawn before the build has begun (a Dockerfile error is one line)
                ticker.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
            }
            steps.add(view);
        }
        redraw();
        return view;
    }

    @Override
    public synchronized void message(String line) {
        if (finished) {
            out.println(line);
            return;
        }
        clearLive();
        out.println(line);
        draw();
    }

    /** A blob moving: shown in the live region until all its bytes went. */
    @Override
    public synchronized void transfer(String id, long done, long total) {
        if (done >= total) {
            transfers.remove(id);
        } else {
            transfers.put(id, String.format(Locale.ROOT, " => %s %.1fMB / %.1fMB", id, done / 1e6, total / 1e6));
        }
    }

    /** The last frame: every step printed for good, then how long it all took. */
    @Override
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        ticker.shutdownNow();
        if (steps.isEmpty()) {
            return; // the build never began: its error says why
        }
        clearLive();
        printEnded(true);
        long cached = steps.stream().filter(v -> v.end == EndingStep.End.CACHED).count();
        boolean failed = steps.stream().anyMatch(v -> v.end == EndingStep.End.ERROR);
        out.println(String.format("[+] Building %.1fs (%d/%d) %s%s", (System.nanoTime() - start) / 1e9,
                steps.stream().filter(View::ended).count(), steps.size(), failed ? "FAILED" : "FINISHED",
                cached > 0 ? ", " + cached + " cached" : ""));
        out.flush();
    }

    private synchronized void redraw() {
        if (!finished) {
            clearLive();
            draw();
        }
    }

    private void clearLive() {
        if (liveLines > 0) {
            out.print(String.format(MOVE_UP, liveLines));
        }
        out.print(CLEAR_DOWN);
        liveLines = 0;
    }

    private void draw() {
        printEnded(false);
        List<String> live = new ArrayList<>();
        long ended = steps.stream().filter(View::ended).count();
        live.add(fit(String.format("[+] Building %.1fs (%d/%d)", (System.nanoTime() - start) / 1e9, ended, steps.size())));
        transfers.values().forEach(t -> live.add(fit(t)));
        for (View v : steps.subList(printed, steps.size())) {
            live.add(fit(v.line()));
            if (!v.ended()) {
                for (String l : v.tail()) {
                    live.add(fit(" => " + l));
                }
            }
        }
        for (String l : live) {
            out.println(l);
        }
        liveLines = live.size();
        out.flush();
    }

    /** Prints, for good, the steps at the head that ended (all of them when the build is over). */
    private void printEnded(boolean all) {
        while (printed < steps.size() && (all || steps.get(printed).ended())) {
            View v = steps.get(printed++);
            out.println(fit(v.line()));
            if (v.end == EndingStep.End.ERROR) {
                for (String l : v.all()) {
                    out.println(" => " + l);
                }
            }
        }
    }

    private String fit(String line) {
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }

    /** One step as the view shows it. */
    private final class View extends EndingStep {
        private final String label;
        private final String instruction;
        private final long started = System.nanoTime();
        private final Deque<String> lines = new ArrayDeque<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private volatile End end; // null while it runs
        private volatile long nanos = -1;

        View(String label, String instruction) {
            this.label = label;
            this.instruction = instruction.lines().findFirst().orElse("");
        }

        boolean ended() {
            return end != null;
        }

        String line() {
            String head = end == End.CACHED || end == End.ERROR ? "=> " + end + " [" : "=> [";
            long n = nanos >= 0 ? nanos : System.nanoTime() - started;
            String time = end == End.CACHED ? "" : String.format("  %.1fs", n / 1e9);
            return head + label + "] " + instruction + time;
        }

        synchronized List<String> tail() {
            List<String> all = all();
            return all.subList(Math.max(0, all.size() - TAIL), all.size());
        }

        /** Every line kept, the unfinished last one too. */
        synchronized List<String> all() {
            List<String> all = new ArrayList<>(lines);
            if (partial.size() > 0) {
                all.add(partial.toString(StandardCharsets.UTF_8));
            }
            return all;
        }

        @Override
        void wrote(byte[] b, int off, int len) {
            synchronized (this) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines.add(partial.toString(StandardCharsets.UTF_8).replace("\r", ""));
                        partial.reset();
                        if (lines.size() > KEPT) {
                            lines.removeFirst();
                        }
                    } else {
                        partial.write(b[i]);
                    }
                }
            }
        }

        @Override
        void ended(End how, long n) {
            nanos = how == End.ERROR ? System.nanoTime() - started : n;
            end = how;
            redraw();
        }
    }
}
