package dev.jbuild.store.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Work over a directory tree on all cores: a directory's subdirectories, and its files in runs, become
 * tasks of their own. Creating or unlinking a file is mostly kernel time (hundreds of µs each on a file
 * system without a journal, which skips every recently freed inode when it allocates one), and only the
 * step that changes a directory's entries holds that directory's lock, so the rest runs side by side.
 */
public final class TreeTasks {
    /** Files of one directory handed to one task: enough that a task outweighs its scheduling. */
    public static final int FILES_PER_TASK = 64;
    private static volatile ForkJoinPool pool;

    private TreeTasks() {
    }

    /** A piece of tree work that may fail as file work does. */
    public abstract static class Task extends RecursiveAction {
        @Override
        protected final void compute() {
            try {
                work();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        protected abstract void work() throws IOException;

        /**
         * Runs the tasks on the pool and waits for every one of them, failed or not (nothing may still
         * write into a tree its caller deletes after a failure): the first failure is thrown.
         */
        protected static void all(List<? extends Task> tasks) throws IOException {
            for (Task task : tasks) {
                task.fork();
            }
            RuntimeException failure = null;
            for (int i = tasks.size() - 1; i >= 0; i--) { // the last forked first: this thread runs what no other took
                try {
                    tasks.get(i).join();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure instanceof UncheckedIOException e) {
                throw e.getCause();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Runs {@code task} and what it forks on the shared pool, from any thread. */
    public static void run(Task task) throws IOException {
        try {
            if (ForkJoinTask.inForkJoinPool()) {
                task.invoke();
            } else {
                pool().invoke(task);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code items} cut into runs of at most {@link #FILES_PER_TASK}. */
    public static <T> List<List<T>> runs(List<T> items) {
        List<List<T>> runs = new ArrayList<>();
        for (int i = 0; i < items.size(); i += FILES_PER_TASK) {
            runs.add(items.subList(i, Math.min(items.size(), i + FILES_PER_TASK)));
        }
        return runs;
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (TreeTasks.class) {
                if (pool == null) {
                    pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
                }
                p = pool;
            }
        }
        return p;
    }
}
