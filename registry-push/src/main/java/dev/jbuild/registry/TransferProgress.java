package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import java.io.PrintStream;

/** What a pull shows while blobs arrive: live per-layer progress on a terminal, plain lines elsewhere. */
public interface TransferProgress {

    /** {@code done} of {@code total} bytes of a blob have arrived. */
    void update(Digest blob, long done, long total);

    /** A blob's final line ({@code d2602a1ea357: Pull complete}). */
    void finished(String line);

    /** For logs and CI: only the final lines. */
    static TransferProgress plain(PrintStream out) {
        return new TransferProgress() {
            @Override
            public void update(Digest blob, long done, long total) {
            }

            @Override
            public void finished(String line) {
                out.println(line);
            }
        };
    }
}
