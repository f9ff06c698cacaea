package dev.jbuild.executor.container;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** Copies a process's stdout and stderr to ours (or to one stream) as they come, and appends both to the container's log. */
final class OutputLog {
    private OutputLog() {
    }

    /** @param to where both go, or null for our stdout and stderr */
    static List<Thread> pump(Process process, Path log, OutputStream to) throws IOException {
        FileOutputStream file = new FileOutputStream(log.toFile(), true);
        Thread out = start(process.getInputStream(), to != null ? to : System.out, file);
        Thread err = start(process.getErrorStream(), to != null ? to : System.err, file);
        Thread closer = new Closer(out, err, file);
        closer.start();
        return List.of(out, err, closer);
    }

    private static Thread start(InputStream from, OutputStream to, OutputStream log) {
        Thread t = new Pump(from, to, log);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Closes the log once both streams ended. Threads as classes, not lambdas: each lambda costs its first call ~0.4 ms. */
    private static final class Closer extends Thread {
        private final Thread out;
        private final Thread err;
        private final OutputStream file;

        Closer(Thread out, Thread err, OutputStream file) {
            this.out = out;
            this.err = err;
            this.file = file;
        }

        @Override
        public void run() {
            try {
                out.join();
                err.join();
                file.close();
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Copies one stream to its destination and to the log, chunk by chunk. */
    private static final class Pump extends Thread {
        private final InputStream from;
        private final OutputStream to;
        private final OutputStream log;

        Pump(InputStream from, OutputStream to, OutputStream log) {
            this.from = from;
            this.to = to;
            this.log = log;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) > 0; ) {
                    synchronized (to) { // stdout and stderr into one stream: whole chunks
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                    LineStart.wrote(buffer, n);
                    synchronized (log) {
                        log.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the container's output ended with it
            }
        }
    }
}
