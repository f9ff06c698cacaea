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
        Thread closer = new Thread(() -> {
            try {
                out.join();
                err.join();
                file.close();
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        return List.of(out, err, closer);
    }

    private static Thread start(InputStream from, OutputStream to, OutputStream log) {
        Thread t = new Thread(() -> {
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
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
