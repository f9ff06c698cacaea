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
        SharedLog file = new SharedLog(new FileOutputStream(log.toFile(), true), 2);
        return List.of(start(process.getInputStream(), to != null ? to : System.out, file),
                start(process.getErrorStream(), to != null ? to : System.err, file));
    }

    private static Thread start(InputStream from, OutputStream to, SharedLog log) {
        Thread t = new Pump(from, to, log);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The container's log file, written by both pumps in whole chunks and closed by the last one to end. */
    private static final class SharedLog {
        private final OutputStream file;
        private int writers;

        SharedLog(OutputStream file, int writers) {
            this.file = file;
            this.writers = writers;
        }

        synchronized void write(byte[] buffer, int n) throws IOException {
            file.write(buffer, 0, n);
        }

        synchronized void done() {
            if (--writers == 0) {
                try {
                    file.close();
                } catch (IOException e) {
                    // the log has what was written
                }
            }
        }
    }

    /** Copies one stream to its destination and to the log. A class, not a lambda: each lambda costs its first call ~0.4 ms. */
    private static final class Pump extends Thread {
        private final InputStream from;
        private final OutputStream to;
        private final SharedLog log;

        Pump(InputStream from, OutputStream to, SharedLog log) {
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
                    log.write(buffer, n);
                }
            } catch (IOException e) {
                // the container's output ended with it
            } finally {
                log.done();
            }
        }
    }
}
