package dev.jbuild.executor.imagebuild;

import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.Descriptor;
import java.io.OutputStream;
import java.util.List;

/**
 * What a build tells whoever watches it: steps starting, their output, their end; and the build's
 * own lines. The CLI renders it as plain lines, a live terminal view or JSON events.
 */
public interface BuildProgress {
    /** A step starts: {@code stage} is its stage's name or "" (unnamed stages). Called by the stage's own thread. */
    Step step(String stage, int number, int total, String instruction);

    /** A line of the build's own: COMMIT, Successfully tagged, a cache miss explained, a push. */
    void message(String line);

    /** Bytes of a blob being pulled, compressed or pushed ({@code id}: its short digest); a live view shows them. */
    default void transfer(String id, long done, long total) {
    }

    /**
     * The image the build makes has grown to {@code layers} (with these diffIDs): its base, then each
     * step that added one. Called by the target stage's thread; a build that pushes starts on them here.
     */
    default void layers(List<Descriptor> layers, List<Digest> diffIds) {
    }

    /** Called when the build is over, before its result is printed: a live view draws its last frame. */
    default void finish() {
    }

    /** One step's progress. */
    interface Step {
        /** Where the step's command writes (stdout and stderr). */
        OutputStream output();

        void cached();

        void done(long nanos);

        void failed();
    }

    /** A view that passes everything on to another: a subclass changes only what it must. */
    abstract class Forwarding implements BuildProgress {
        protected final BuildProgress next;

        protected Forwarding(BuildProgress next) {
            this.next = next;
        }

        @Override
        public Step step(String stage, int number, int total, String instruction) {
            return next.step(stage, number, total, instruction);
        }

        @Override
        public void message(String line) {
            next.message(line);
        }

        @Override
        public void transfer(String id, long done, long total) {
            next.transfer(id, done, total);
        }

        @Override
        public void layers(List<Descriptor> layers, List<Digest> diffIds) {
            next.layers(layers, diffIds);
        }

        @Override
        public void finish() {
            next.finish();
        }
    }

    /** Nothing shown (-q). */
    BuildProgress QUIET = new BuildProgress() {
        private final Step step = new Step() {
            @Override
            public OutputStream output() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void cached() {
            }

            @Override
            public void done(long nanos) {
            }

            @Override
            public void failed() {
            }
        };

        @Override
        public Step step(String stage, int number, int total, String instruction) {
            return step;
        }

        @Override
        public void message(String line) {
        }
    };
}
