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
    private final Deque<Future<Deflated>> pending = new ArrayDeque<>();
    private final int ahead = 2 * Runtime.getRuntime().availableProcessors();
    /** Arrays of blocks written, used again: a layer's worth of garbage made a build's collector pause hundreds of times. */
    private final Deque<byte[]> freeInputs = new ArrayDeque<>();
    private final Deque<byte[]> freeOutputs = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK];
    private int filled;
    /** The block submitted last, whose tail primes the next one's window. */
    private byte[] previousInput;
    private int previousLength;
    /** The input of the block written last: the block after it may still be reading its tail. */
    private byte[] heldInput;
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
        byte[] output = freeOutputs.isEmpty() ? new byte[outputSize(BLOCK)] : freeOutputs.pop();
        pending.add(WORKERS.submit(new Block(block, filled, previousInput, previousLength, level, output)));
        previousInput = block;
        previousLength = filled;
        block = freeInputs.isEmpty() ? new byte[BLOCK] : freeInputs.pop();
        filled = 0;
        while (pending.size() >= ahead) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        try {
            Deflated done = pending.poll().get();
            out.write(done.output(), 0, done.length());
            freeOutputs.push(done.output());
            if (heldInput != null) {
                freeInputs.push(heldInput); // the block that read its tail is written too
            }
            heldInput = done.input();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing failed: " + e.getCause(), e.getCause());
        }
    }

    /** Room for a block's deflate output even when it does not compress (stored blocks add 5 bytes per 16 KiB). */
    private static int outputSize(int length) {
        return length + length / 8 + 1024;
    }

    /** A block's deflate output: {@code length} bytes of {@code output}; {@code input} is the block it came from. */
    record Deflated(byte[] input, byte[] output, int length) {
    }

    /**
     * One block as raw deflate data ending on a byte boundary (sync flush), or stored when it does not
     * compress, into {@code output} (or a larger array when it is too small); primed with the last 32 KiB
     * of {@code previous}'s first {@code previousLength} bytes.
     */
    static Deflated deflate(byte[] input, int length, byte[] previous, int previousLength, int level, byte[] output) {
        Deflater deflater = new Deflater(Incompressible.judged(input, length) ? Deflater.NO_COMPRESSION : level, true);
        try {
            if (previous != null) {
                int window = Math.min(WINDOW, previousLength);
                deflater.setDictionary(previous, previousLength - window, window);
            }
            deflater.setInput(input, 0, length);
            byte[] buffer = output.length >= outputSize(length) ? output : new byte[outputSize(length)];
            int written = 0;
            while (true) {
                written += deflater.deflate(buffer, written, buffer.length - written, Deflater.SYNC_FLUSH);
                if (written < buffer.length) {
                    return new Deflated(input, buffer, written);
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
    private record Block(byte[] input, int length, byte[] previous, int previousLength, int level, byte[] output)
            implements java.util.concurrent.Callable<Deflated> {
        @Override
        public Deflated call() {
            return deflate(input, length, previous, previousLength, level, output);
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
