package dev.jbuild.executor.container;

import java.time.Instant;

/** Created, running, or exited with a code at a time: what ps shows. */
public record Status(State state, int exitCode, Instant since) {
    public enum State { CREATED, RUNNING, EXITED }

    public boolean running() {
        return state == State.RUNNING;
    }
}
