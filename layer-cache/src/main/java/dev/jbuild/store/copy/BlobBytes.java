package dev.jbuild.store.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** The bytes of a blob a sink is given: streamed (checked against its digest on the way) or as a file. */
public interface BlobBytes {

    /** Writes the bytes; a digest or size other than the descriptor's fails before this returns. */
    void writeTo(OutputStream out) throws IOException;

    /** A file that holds the bytes (the source's own, or a checked copy in tmp/), for sinks that re-read. */
    Path file() throws IOException;

    /** A sink sending {@link #file()} on its own says how many bytes went, for the progress display. */
    void sent(long bytes);
}
