package dev.jbuild.store.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read while it is written: every byte once written, the end only when whole, the writer's failure passed on. */
class GrowingFileTest {
    @TempDir
    Path dir;

    @Test
    void readerGetsEveryByteAsItIsWrittenAndTheEndOnlyWhenWhole() throws Exception {
        GrowingFile file = new GrowingFile(dir.resolve("blob"));
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        CompletableFuture<byte[]> read;
        try (InputStream reader = file.reader(); OutputStream writer = file.writer()) {
            read = CompletableFuture.supplyAsync(() -> readAll(reader));
            writer.write(content, 0, 1000);
            writer.write(content[1000]);
            Thread.sleep(50);
            assertTrue(!read.isDone(), "the reader waits for more while the file is not whole");
            writer.write(content, 1001, content.length - 1001);
            Thread.sleep(50);
            assertTrue(!read.isDone(), "closing nothing yet: still not whole");
        }
        assertTrue(!read.isDone(), "closing the writer does not make the file whole");
        file.finish();
        assertArrayEquals(content, read.get(10, TimeUnit.SECONDS));
    }

    @Test
    void readerFailsWithTheWritersFailure() throws Exception {
        GrowingFile file = new GrowingFile(dir.resolve("blob"));
        InputStream reader = file.reader();
        try (OutputStream writer = file.writer()) {
            writer.write(new byte[10]);
        }
        assertEquals(10, reader.readNBytes(10).length);
        file.fail(new IOException("disk full"));
        IOException e = assertThrows(IOException.class, reader::read);
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }

    @Test
    void anEmptyFileEndsAtOnceWhenWhole() throws Exception {
        GrowingFile file = new GrowingFile(dir.resolve("blob"));
        file.writer().close();
        file.finish();
        try (InputStream reader = file.reader()) {
            assertEquals(-1, reader.read());
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
