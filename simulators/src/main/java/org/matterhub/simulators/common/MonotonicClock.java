package org.matterhub.simulators.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Wall clock at millisecond precision that never hands out the same instant twice: if the wall clock
 * has not moved (or moved back) since the previous call, the next instant is the previous one plus 1 ms.
 * Lets simulators promise that {@code updated_at} moves forward strictly on every change.
 */
public final class MonotonicClock {

    /** ISO-8601 with milliseconds and an offset, e.g. {@code 2025-03-01T09:15:02.117Z}. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private Instant last = Instant.EPOCH;

    public MonotonicClock() {
        this(Clock.systemUTC());
    }

    public MonotonicClock(Clock clock) {
        this.clock = clock;
    }

    /** The next instant, strictly after every instant returned before. */
    public synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }

    /** Current wall-clock time (not necessarily unique). */
    public Instant now() {
        return clock.instant();
    }

    public static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
