package dev.jbuild.registry.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Ends an upload that has stopped moving. HttpURLConnection has no write timeout: a server that stops
 * reading would hold a push until TCP gives up. The body's bytes are counted as they go; when none has
 * gone for the timeout, the connection is closed, which fails the blocked write, and the failure is a
 * timeout (which retries treat as transient).
 */
final class StalledWrites {
    private StalledWrites() {
    }

    /** Copies {@code body} into the connection's request body, watched when there is anything to send. */
    static void send(Body body, HttpURLConnection c, Duration timeout) throws IOException {
        if (body.length() == 0) {
            c.getOutputStream().close();
            return;
        }
        send(body.open(), c.getOutputStream(), c::disconnect, timeout);
    }

    /** Copies {@code body} into {@code to}; {@code cut} breaks off a write that stopped moving (closes its socket). */
    static void send(InputStream body, OutputStream to, Runnable cut, Duration timeout) throws IOException {
        Counted out = new Counted(to);
        long period = Math.max(100, timeout.toMillis() / 4);
        ScheduledFuture<?> watch = Watcher.TIMER.scheduleAtFixedRate(new Watch(out, cut, timeout.toNanos()), period, period,
                TimeUnit.MILLISECONDS);
        try (body; out) {
            body.transferTo(out);
        } catch (IOException e) {
            if (out.stalled) {
                throw new SocketTimeoutException("the server took no byte of the request body for " + timeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            watch.cancel(false);
        }
    }

    /** One daemon thread for every watched upload of the process, made at the first. */
    private static final class Watcher implements ThreadFactory {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(new Watcher());

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "upload-watch");
            t.setDaemon(true);
            return t;
        }
    }

    private static final class Counted extends FilterOutputStream {
        volatile long count;
        volatile boolean stalled;

        Counted(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static final class Watch implements Runnable {
        private final Counted out;
        private final Runnable cut;
        private final long timeoutNanos;
        private long lastCount = -1;
        private long lastChange = System.nanoTime();

        Watch(Counted out, Runnable cut, long timeoutNanos) {
            this.out = out;
            this.cut = cut;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long count = out.count;
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
            } else if (now - lastChange >= timeoutNanos && !out.stalled) {
                out.stalled = true;
                cut.run(); // closes the socket under the blocked write
            }
        }
    }
}
