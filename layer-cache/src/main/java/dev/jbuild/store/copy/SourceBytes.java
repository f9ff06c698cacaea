package dev.jbuild.store.copy;

import dev.jbuild.store.Digest;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.oci.Descriptor;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A blob read from its source as a sink takes it: counted for the progress display and checked
 * against its descriptor on the way, so a sink never commits bytes other than those the digest names.
 */
final class SourceBytes implements BlobBytes, AutoCloseable {
    private final ImageSource source;
    private final Descriptor blob;
    private final TempFiles temp;
    private final CopyProgress progress;
    private Path spooled;

    SourceBytes(ImageSource source, Descriptor blob, TempFiles temp, CopyProgress progress) {
        this.source = source;
        this.blob = blob;
        this.temp = temp;
        this.progress = progress;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        DigestingOutputStream checked = new DigestingOutputStream(new FilterOutputStream(out) {
            private long done;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                done += len;
                progress.update(blob.digest(), done, blob.size());
            }
        });
        source.writeBlob(blob, checked);
        checked.flush();
        check(source, blob, checked.digest(), checked.size());
    }

    /** Fails unless {@code bytes} are what {@code blob} names. */
    static void check(ImageSource source, Descriptor blob, byte[] bytes) {
        check(source, blob, Digest.of(bytes), bytes.length);
    }

    private static void check(ImageSource source, Descriptor blob, Digest arrived, long size) {
        if (!arrived.equals(blob.digest()) || size != blob.size()) {
            String sizes = size == blob.size() ? "" : " (" + blob.size() + " expected)";
            throw new StoreException(source.describe() + ": blob " + blob.digest() + " arrived as " + size
                    + " bytes" + sizes + " with digest " + arrived + "; nothing was stored");
        }
    }

    @Override
    public Path file() throws IOException {
        Optional<Path> own = source.file(blob);
        if (own.isPresent()) {
            return own.get();
        }
        if (spooled == null) {
            Path tmp = temp.create("copy");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writeTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            spooled = tmp;
        }
        return spooled;
    }

    @Override
    public void sent(long bytes) {
        progress.update(blob.digest(), bytes, blob.size());
    }

    @Override
    public void close() throws IOException {
        if (spooled != null) {
            Files.deleteIfExists(spooled);
            spooled = null;
        }
    }
}
