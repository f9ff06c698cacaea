package dev.jbuild.cli.progress;

import dev.jbuild.executor.container.LineStart;
import dev.jbuild.executor.imagebuild.BuildProgress;
import java.io.OutputStream;
import java.io.PrintStream;

/** --progress=plain: a line per step start and end, RUN output as it comes (what logs and CI keep). */
final class PlainProgress implements BuildProgress {
    private final PrintStream out;

    PlainProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public Step step(String stage, int number, int total, String instruction) {
        LineStart.println(out, (stage.isEmpty() ? "" : "[" + stage + "] ") + "STEP " + number + "/" + total + ": " + instruction);
        return new Step() {
            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public void cached() {
                LineStart.println(out, "--> CACHED");
            }

            @Override
            public void done(long nanos) {
                if (number > 1) { // FROM has no line of its own
                    LineStart.println(out, String.format("--> %.2fs", nanos / 1e9));
                }
            }

            @Override
            public void failed() {
                // the error itself follows, with Dockerfile:LINE
            }
        };
    }

    @Override
    public void message(String line) {
        LineStart.println(out, line);
    }
}
