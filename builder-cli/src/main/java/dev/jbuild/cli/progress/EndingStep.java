package dev.jbuild.cli.progress;

import dev.jbuild.executor.imagebuild.BuildProgress;
import java.io.OutputStream;

/** A step view whose three ways of ending are one call, and whose output only needs the bulk write. */
abstract class EndingStep implements BuildProgress.Step {
    /** How a step ended. */
    enum End { CACHED, DONE, ERROR }

    /** @param nanos how long it ran, or -1 when that is not known (cached, failed) */
    abstract void ended(End how, long nanos);

    /** The step wrote {@code len} bytes of output. */
    abstract void wrote(byte[] b, int off, int len);

    @Override
    public final OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                wrote(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                wrote(b, off, len);
            }
        };
    }

    @Override
    public final void cached() {
        ended(End.CACHED, -1);
    }

    @Override
    public final void done(long nanos) {
        ended(End.DONE, nanos);
    }

    @Override
    public final void failed() {
        ended(End.ERROR, -1);
    }
}
