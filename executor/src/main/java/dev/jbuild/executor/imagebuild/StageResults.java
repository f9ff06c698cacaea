package dev.jbuild.executor.imagebuild;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The images of a build's stages as they get done. A stage that takes from another (its FROM, COPY --from,
 * RUN --mount from=) waits here until that one is done, so the target stage can start at once, as
 * BuildKit's solver starts it: its steps before a COPY --from run beside the stage it copies from, and a
 * push that sends its base image's layers ahead starts while that stage still runs. Once any stage has
 * failed, the others stop before their next step.
 */
final class StageResults {
    private final Map<Integer, CompletableFuture<ImageState>> stages = new ConcurrentHashMap<>();
    private volatile boolean anyFailed;

    /** Stage {@code index} will be built: {@link #await} waits for it. */
    void expect(int index) {
        stages.put(index, new CompletableFuture<>());
    }

    void done(int index, ImageState state) {
        stages.get(index).complete(state);
    }

    void failed(int index, Throwable cause) {
        anyFailed = true;
        stages.get(index).completeExceptionally(cause);
    }

    /** Stage {@code index}'s image once it is done; null for a stage this build does not build. */
    ImageState await(int index) throws IOException {
        CompletableFuture<ImageState> stage = stages.get(index);
        if (stage == null) {
            return null;
        }
        try {
            return stage.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for stage " + index);
        } catch (ExecutionException e) {
            throw new StageFailed();
        }
    }

    /** Stops a stage before its next step once another has failed (whose error is the one the build reports). */
    void stopIfAnyFailed() {
        if (anyFailed) {
            throw new StageFailed();
        }
    }

    /** A stage stopped because another failed: never the build's error, which is that other stage's. */
    static final class StageFailed extends RuntimeException {
        StageFailed() {
            super("another stage failed", null, false, false);
        }
    }
}
