package dev.jbuild.store.copy;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.fs.IoErrors;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;

/**
 * Moves blobs from one source into one sink. A write cut off midway (a dropped connection) starts
 * again from the beginning, a bounded number of times, where the sink can take it again; nothing
 * partial is ever committed, since sinks commit only whole, checked blobs.
 */
final class BlobTransfer {
    static final int ATTEMPTS = 3;
    private final ImageSource source;
    private final ImageSink sink;
    private final TempFiles temp;
    private final CopyProgress progress;

    BlobTransfer(ImageSource source, ImageSink sink, TempFiles temp, CopyProgress progress) {
        this.source = source;
        this.sink = sink;
        this.temp = temp;
        this.progress = progress;
    }

    /** The blob as the source has it, checked on the way. */
    SourceBytes bytes(Descriptor blob) {
        return new SourceBytes(source, blob, temp, progress);
    }

    /** Sends the source's blob, as it is. */
    Outcome send(Blob blob) throws IOException {
        try (SourceBytes bytes = bytes(blob.descriptor())) {
            return write(blob, bytes);
        }
    }

    Outcome write(Blob blob, BlobBytes bytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(blob, bytes);
                return Outcome.WRITTEN;
            } catch (IOException e) {
                if (!sink.concurrent() || attempt >= ATTEMPTS) {
                    if (attempt == 1) {
                        throw e;
                    }
                    throw new StoreException(source.describe() + ": copy of blob " + blob.digest() + " failed " + attempt
                            + " times: " + IoErrors.describe(e));
                }
            }
        }
    }
}
