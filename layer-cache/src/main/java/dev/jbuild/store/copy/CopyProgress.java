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
    CopyProgress NONE = lines(s -> { }, (b, o) -> "");

    /** A line per finished blob, worded by {@code words}, for logs and CI. */
    static CopyProgress lines(PrintStream out, BiFunction<Descriptor, Outcome, String> words) {
        return lines(out::println, words);
    }

    private static CopyProgress lines(java.util.function.Consumer<String> out, BiFunction<Descriptor, Outcome, String> words) {
        return new CopyProgress() {
            @Override
            public void update(Digest blob, long done, long total) {
            }

            @Override
            public void finished(Descriptor blob, Outcome outcome) {
                out.accept(words.apply(blob, outcome));
            }
        };
    }
}
