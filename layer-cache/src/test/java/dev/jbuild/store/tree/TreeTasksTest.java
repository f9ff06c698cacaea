package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tree work on the pool: a failure is thrown as it was, and only once every task has ended. */
class TreeTasksTest {
    @Test
    void aFailureIsThrownOnlyOnceEveryOtherTaskHasEnded() {
        AtomicInteger finished = new AtomicInteger();
        TreeTasks.Task slow = task(() -> {
            sleep();
            finished.incrementAndGet();
        });
        TreeTasks.Task failing = task(() -> {
            throw new IOException("cannot copy to non-directory: /app");
        });
        TreeTasks.Task parent = task(() -> TreeTasks.Task.all(List.of(failing, slow, task(finished::incrementAndGet))));

        IOException e = assertThrows(IOException.class, () -> TreeTasks.run(parent));

        assertEquals("cannot copy to non-directory: /app", e.getMessage());
        assertEquals(2, finished.get(), "the others ran to their end before the failure came back");
    }

    private interface Work {
        void run() throws IOException;
    }

    private static TreeTasks.Task task(Work work) {
        return new TreeTasks.Task() {
            @Override
            protected void work() throws IOException {
                work.run();
            }
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
