package dev.jbuild.store.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Bytes between two threads: in order through a small buffer; either side stopping reaches the other. */
class ChunkPipeTest {

    @Test
    void bytesComeOutInOrderThroughABufferSmallerThanThem() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        ChunkPipe pipe = new ChunkPipe(4096);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.output()) {
                for (int at = 0; at < data.length; at += 1000) {
                    out.write(data, at, Math.min(1000, data.length - at));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] read = pipe.input().readAllBytes();
        writer.get();
        assertArrayEquals(data, read);
    }

    @Test
    void aReaderThatStopsFailsTheWriterInsteadOfLeavingItWaiting() throws Exception {
        ChunkPipe pipe = new ChunkPipe(10);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = pipe.output();
                for (int i = 0; i < 1000; i++) {
                    out.write(new byte[10]);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        InputStream in = pipe.input();
        in.read(new byte[5]);
        in.close();
        ExecutionException e = assertThrows(ExecutionException.class, writer::get);
        assertTrue(e.getCause().getMessage().contains("reader of the pipe stopped"), e.getCause().getMessage());
    }

    @Test
    void aWriterThatFailsReachesTheWaitingReader() throws Exception {
        ChunkPipe pipe = new ChunkPipe(10);
        pipe.output().write(new byte[3]);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return pipe.input().readAllBytes().length;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        pipe.fail(new IOException("connection reset"));
        ExecutionException e = assertThrows(ExecutionException.class, reader::get);
        assertTrue(e.getCause().getMessage().contains("connection reset"), e.getCause().getMessage());
    }
}
