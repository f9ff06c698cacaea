package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Timestamps reads and writes as Instant.parse and Instant.toString do, by hand or through them. */
class TimestampsTest {

    @Test
    void writesAndReadsAsInstantDoesForManyInstants() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 300_000_000_000L); // years ~ -250 to 11500
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant when = Instant.ofEpochSecond(seconds, nanos);
            String text = Timestamps.format(when);
            assertEquals(when.toString(), text);
            assertEquals(when, Timestamps.parse(text));
        }
    }

    @Test
    void readsWhatOtherToolsWriteAsInstantReadsIt() {
        for (String text : List.of("2023-05-04T17:37:13.123456789Z", "2023-05-04T17:37:13.1Z", "2023-05-04T17:37:13.12345Z",
                "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2016-12-31T23:59:60Z", "2023-05-04t17:37:13z",
                "2023-05-04T19:37:13+02:00", "2023-05-04T17:37:13.000Z", "0000-01-01T00:00:00Z", "2023-05-04T24:00:00Z")) {
            assertEquals(Instant.parse(text), Timestamps.parse(text), text);
        }
    }

    @Test
    void rejectsWhatInstantRejects() {
        for (String text : List.of("", "2023-05-04", "2023-02-30T00:00:00Z", "2023-13-01T00:00:00Z",
                "2023-05-04T17:37:13.1234567890Z", "2023-05-04T17:37:13", "2023-05-04 17:37:13Z",
                "2023-05-04T17:37:13ZZ", "2023-0a-04T17:37:13Z", "2023-05-04T25:00:00Z")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(text), text);
            assertThrows(DateTimeParseException.class, () -> Timestamps.parse(text), text);
        }
    }
}
