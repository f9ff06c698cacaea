package dev.jbuild.store.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Bytes handed from one thread to another, at most {@code capacity} of them waiting (so memory stays
 * bounded whatever the layer's size). Unlike java.io's piped streams, a reader is woken as soon as bytes
 * arrive (those poll once a second), and either side going away fails the other instead of leaving it
 * waiting: the writer's {@link #fail} reaches the reader, the reader's {@link InputStream#close} the writer.
 */
final class ChunkPipe {
    private final int capacity;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int waiting;
    private boolean ended;
    private IOException writerFailure;
    private boolean readerGone;

    ChunkPipe(int capacity) {
        this.capacity = capacity;
    }

    private synchronized void put(byte[] chunk) throws IOException {
        while (!readerGone && !chunks.isEmpty() && waiting + chunk.length > capacity) {
            await();
        }
        if (readerGone) {
            throw new IOException("the reader of the pipe stopped");
        }
        chunks.add(chunk);
        waiting += chunk.length;
        notifyAll();
    }

    /** The next chunk, or null at the end. */
    private synchronized byte[] take() throws IOException {
        while (chunks.isEmpty() && !ended && writerFailure == null) {
            await();
        }
        if (writerFailure != null) {
            throw new IOException("the writer of the pipe stopped: " + writerFailure.getMessage(), writerFailure);
        }
        byte[] chunk = chunks.poll();
        if (chunk != null) {
            waiting -= chunk.length;
            notifyAll();
        }
        return chunk;
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on the pipe");
        }
    }

    /** The writer failed: the reader's next read throws instead of waiting for bytes that will not come. */
    synchronized void fail(IOException cause) {
        writerFailure = cause;
        notifyAll();
    }

    /** The writing side: each write is copied once into the pipe; close ends the stream. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    put(Arrays.copyOfRange(b, off, off + len));
                }
            }

            @Override
            public void close() {
                synchronized (ChunkPipe.this) {
                    ended = true;
                    ChunkPipe.this.notifyAll();
                }
            }
        };
    }

    /** The reading side: close lets a writer still writing fail at once (what it writes goes nowhere). */
    InputStream input() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (at == chunk.length) {
                    byte[] next = take();
                    if (next == null) {
                        return -1;
                    }
                    chunk = next;
                    at = 0;
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }

            @Override
            public void close() {
                synchronized (ChunkPipe.this) {
                    readerGone = true;
                    chunks.clear();
                    waiting = 0;
                    ChunkPipe.this.notifyAll();
                }
            }
        };
    }
}
