package dev.jbuild.store.copy;

import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes the copy already holds: a small blob read into memory (a config), or a file it made (a compressed layer). */
final class LocalBytes implements BlobBytes, AutoCloseable {
    private final Descriptor blob;
    private final byte[] content;
    private final TempFiles temp;
    private final CopyProgress progress;
    private Path file;

    private LocalBytes(Descriptor blob, byte[] content, Path file, TempFiles temp, CopyProgress progress) {
        this.blob = blob;
        this.content = content;
        this.file = file;
        this.temp = temp;
        this.progress = progress;
    }

    static LocalBytes ofArray(Descriptor blob, byte[] content, TempFiles temp, CopyProgress progress) {
        return new LocalBytes(blob, content, null, temp, progress);
    }

    /** A temp file of the copy's, deleted on close. */
    static LocalBytes ofTempFile(Descriptor blob, Path file, CopyProgress progress) {
        return new LocalBytes(blob, null, file, null, progress);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (content != null) {
            out.write(content);
        } else {
            Files.copy(file, out);
        }
    }

    @Override
    public Path file() throws IOException {
        if (file == null) {
            file = temp.create("copy");
            Files.write(file, content);
        }
        return file;
    }

    @Override
    public void sent(long bytes) {
        progress.update(blob.digest(), bytes, blob.size());
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
