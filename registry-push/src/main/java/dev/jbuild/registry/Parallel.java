package dev.jbuild.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs independent blob transfers at once; reports their lines in order; the first failure is thrown as it was. */
final class Parallel {
    private static final int TRANSFERS = 4;

    private Parallel() {
    }

    static void run(List<Callable<String>> tasks, Consumer<String> report) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(TRANSFERS, tasks.size())));
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<String> f : futures) {
                report.accept(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            // After a failure the others are stopped, and waited for: each removes its temp file on the way out.
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
