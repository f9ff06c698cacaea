package dev.jbuild.store.copy;

import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.Descriptor;
import java.io.PrintStream;
import java.util.function.BiFunction;

/** What a copy shows while blobs move: bytes as they go (live views), and a line per finished blob. */
public interface CopyProgress {

    /** {@code done} of {@code total} bytes of a blob have moved. */
    void update(Digest blob, long done, long total);

    /** A blob is where it should be. */
    void finished(Descriptor blob, Outcome outcome);

    /** Shows nothing. */
    CopyProgress NONE = new Lines(null, null);

    /** A line per finished blob, worded by {@code words}, for logs and CI. */
    static CopyProgress lines(PrintStream out, BiFunction<Descriptor, Outcome, String> words) {
        return new Lines(out, words);
    }

    /** A class, not lambdas: a push or pull that moves nothing should not link the JVM's lambda machinery. */
    final class Lines implements CopyProgress {
        private final PrintStream out;
        private final BiFunction<Descriptor, Outcome, String> words;

        /** {@code out} null: nothing is shown. */
        private Lines(PrintStream out, BiFunction<Descriptor, Outcome, String> words) {
            this.out = out;
            this.words = words;
        }

        @Override
        public void update(Digest blob, long done, long total) {
        }

        @Override
        public void finished(Descriptor blob, Outcome outcome) {
            if (out != null) {
                out.println(words.apply(blob, outcome));
            }
        }
    }
}
