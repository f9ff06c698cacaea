package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.time.Duration;
import java.util.Optional;

/** {@code HEALTHCHECK NONE} (test empty) or {@code HEALTHCHECK [--interval=] ... CMD command}. */
public record Healthcheck(Optional<Command> test, Optional<Duration> interval, Optional<Duration> timeout,
                          Optional<Duration> startPeriod, Optional<Duration> startInterval,
                          Optional<Integer> retries, String original, SourceRange range) implements Instruction {

    /** NONE: disables a health check inherited from the base image. */
    public boolean disables() {
        return test.isEmpty();
    }
}
