package dev.jbuild.executor.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * state.json: the process a container's current run has (its pid and that process's start time, so
 * a reused pid is never mistaken for it), and when it started.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(long pid, long pidStartMillis, String startedAt) {

    public static ContainerState neverStarted() {
        return new ContainerState(0, 0, null);
    }

    /** The run's process, when it is still alive. */
    public java.util.Optional<ProcessHandle> process() {
        if (pid <= 0) {
            return java.util.Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(i -> i.toEpochMilli() == pidStartMillis).orElse(false));
    }
}
