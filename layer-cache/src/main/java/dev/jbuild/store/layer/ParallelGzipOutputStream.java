package dev.jbuild.store.layer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip stream deflated on all cores, as pigz makes it: the input is cut into blocks of a fixed size,
 * each deflated on its own (primed with the 32 KiB before it, so nothing is lost at the seams) and ended
 * with a sync flush, which leaves it on a byte boundary; the blocks are joined in order under one header,
 * one CRC and an empty final block. Every gzip reader (Go's, zlib, Java's) reads it as any gzip stream.
 * The bytes depend only on the input: blocks are cut at fixed offsets and a block that does not compress
 * (judged from its own bytes) is stored, so the same layer gives the same blob on any number of cores.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    /** pigz's block size: large enough that the seams cost nothing measurable, small enough to spread a small layer. */
    static final int BLOCK = 128 << 10;
    private static final int WINDOW = 32 << 10;
    /** gzip header: magic, deflate, no flags, no mtime (a layer's bytes must not depend on the clock), no extra flags, unknown OS. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** An empty final block with fixed Huffman codes: the end of the deflate stream. */
    private static final byte[] LAST_BLOCK = {3, 0};
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            new DaemonThreads());

    private final OutputStream out;
    private final int level;
    private final CRC32 crc = new CRC32();
    private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
    private final int ahead = 2 * Runtime.getRuntime().availableProcessors();
    private byte[] block = new byte[BLOCK];
    private int filled;
    private byte[] previousTail;
    private long size;
    private boolean closed;

    public ParallelGzipOutputStream(OutputStream out, int level) throws IOException {
        this.out = out;
        this.level = level;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        size += len;
        while (len > 0) {
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                submit();
            }
        }
    }

    /** Hands the full block to a worker, with the window before it; writes what is done while too many wait. */
    private void submit() throws IOException {
        byte[] input = block;
        int length = filled;
        byte[] dictionary = previousTail;
        previousTail = Arrays.copyOfRange(input, Math.max(0, length - WINDOW), length);
        pending.add(WORKERS.submit(new Block(input, length, dictionary, level)));
        block = new byte[BLOCK];
        filled = 0;
        while (pending.size() >= ahead) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        try {
            out.write(pending.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing failed: " + e.getCause(), e.getCause());
        }
    }

    /** One block as raw deflate data ending on a byte boundary (sync flush), or stored when it does not compress. */
    static byte[] deflate(byte[] input, int length, byte[] dictionary, int level) {
        Deflater deflater = new Deflater(Incompressible.judged(input, length) ? Deflater.NO_COMPRESSION : level, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(input, 0, length);
            byte[] buffer = new byte[length + length / 8 + 1024];
            int written = 0;
            while (true) {
                written += deflater.deflate(buffer, written, buffer.length - written, Deflater.SYNC_FLUSH);
                if (written < buffer.length) {
                    return Arrays.copyOf(buffer, written);
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        } finally {
            deflater.end();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush(); // what is queued stays queued: a flushed half block would make the bytes depend on the writer
    }

    /** Ends the gzip stream; the stream below stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (filled > 0) {
            submit();
        }
        while (!pending.isEmpty()) {
            writeNext();
        }
        out.write(LAST_BLOCK);
        byte[] trailer = new byte[8];
        littleEndian(trailer, 0, crc.getValue());
        littleEndian(trailer, 4, size);
        out.write(trailer);
        out.flush();
    }

    private static void littleEndian(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** A block's deflate, as a class: a push links no lambda (the first costs a cold JVM milliseconds). */
    private record Block(byte[] input, int length, byte[] dictionary, int level) implements java.util.concurrent.Callable<byte[]> {
        @Override
        public byte[] call() {
            return deflate(input, length, dictionary, level);
        }
    }

    /** Workers that never keep a short command alive. */
    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "gzip");
            t.setDaemon(true);
            return t;
        }
    }
}
