package dev.jbuild.store.copy;

import dev.jbuild.store.blob.TempFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes the copy already holds: a small blob read into memory (a config), or a file it made (a compressed layer). */
final class LocalBytes implements BlobBytes, AutoCloseable {
    private final byte[] content;
    private final TempFiles temp;
    private Path file;

    private LocalBytes(byte[] content, Path file, TempFiles temp) {
        this.content = content;
        this.file = file;
        this.temp = temp;
    }

    static LocalBytes ofArray(byte[] content, TempFiles temp) {
        return new LocalBytes(content, null, temp);
    }

    /** A temp file of the copy's, deleted on close. */
    static LocalBytes ofTempFile(Path file) {
        return new LocalBytes(null, file, null);
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
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
