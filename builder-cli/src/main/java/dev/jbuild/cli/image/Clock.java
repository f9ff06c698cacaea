package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.Timestamps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Creation times for image configs: now, or SOURCE_DATE_EPOCH when set, for reproducible images. */
public final class Clock {
    private Clock() {
    }

    /** The wall clock now, whatever SOURCE_DATE_EPOCH says (when a build started and finished). */
    public static String now() {
        return Timestamps.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    public static String created() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        Instant when;
        if (epoch != null && !epoch.isEmpty()) {
            try {
                when = Instant.ofEpochSecond(Long.parseLong(epoch));
            } catch (NumberFormatException e) {
                throw new JbuildFailure("SOURCE_DATE_EPOCH must be a number of seconds, not \"" + epoch + "\"");
            }
        } else {
            when = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        return Timestamps.format(when);
    }
}
