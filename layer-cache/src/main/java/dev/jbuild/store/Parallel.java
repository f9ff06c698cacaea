package dev.jbuild.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs independent tasks (blob transfers, layer extractions) at once on up to {@code threads} threads;
 * reports their results in order; the first failure is thrown as it was.
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Runs {@code warmUp} on a daemon thread now: a caller that will need what it initializes soon gets it
     * done while it works on something else. Only a head start: a failure there is not reported, since it
     * happens again, and is reported, where the result is really needed (and a JVM may exit meanwhile).
     */
    public static void headStart(String name, Runnable warmUp) {
        new HeadStart(name, warmUp).start();
    }

    /** A class, not a lambda: the first lambda of a JVM costs ~10 ms of set-up, which a head start must not wait for. */
    private static final class HeadStart extends Thread {
        private final Runnable warmUp;

        HeadStart(String name, Runnable warmUp) {
            super(name);
            this.warmUp = warmUp;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                warmUp.run();
            } catch (Throwable e) {
                // see headStart: the one who needs it reports it
            }
        }
    }

    /** Work on one item that may fail with an IOException. */
    @FunctionalInterface
    public interface IoFunction<T, R> {
        R apply(T item) throws IOException;
    }

    /** {@code work} of each item, on all cores (the common pool), in the items' order; the first IOException is thrown as it was. */
    public static <T, R> List<R> map(List<T> items, IoFunction<T, R> work) throws IOException {
        try {
            return items.parallelStream().map(item -> {
                try {
                    return work.apply(item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static <T> void run(List<Callable<T>> tasks, int threads, Consumer<T> report) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<T> f : futures) {
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
