package dev.jbuild.executor.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.jbuild.store.Timestamps;
import java.time.Instant;
import java.util.Optional;

/**
 * state.json: the process a container's current run has (its pid and that process's start time, so
 * a reused pid is never mistaken for it), when it started, and the jbuild process that owns the
 * container's life (created or started it): when both are gone, nobody will finish what they began,
 * such as removing a {@code run --rm} container.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(long pid, long pidStartMillis, String startedAt, long ownerPid, long ownerStartMillis) {

    /** A container just made by this process. */
    public static ContainerState neverStarted() {
        ProcessHandle self = ProcessHandle.current();
        return new ContainerState(0, 0, null, self.pid(), startMillis(self));
    }

    /** A run of {@code process}, started by this jbuild process. */
    public static ContainerState running(ProcessHandle process) {
        ProcessHandle self = ProcessHandle.current();
        return new ContainerState(process.pid(), startMillis(process), Timestamps.format(Instant.now()), self.pid(), startMillis(self));
    }

    /** The run's process, when it is still alive. */
    public Optional<ProcessHandle> process() {
        return alive(pid, pidStartMillis);
    }

    /** Neither the run's process nor the jbuild that owns the container lives (as after a SIGKILL of it). */
    public boolean abandoned() {
        return (pid > 0 || ownerPid > 0) && process().isEmpty() && alive(ownerPid, ownerStartMillis).isEmpty();
    }

    private static Optional<ProcessHandle> alive(long pid, long startMillis) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid); // plain code: each lambda costs its first call ~0.4 ms
        return process.isPresent() && process.get().isAlive() && startMillis(process.get()) == startMillis ? process : Optional.empty();
    }

    private static long startMillis(ProcessHandle p) {
        Optional<Instant> start = p.info().startInstant();
        return start.isPresent() ? start.get().toEpochMilli() : 0L;
    }
}
