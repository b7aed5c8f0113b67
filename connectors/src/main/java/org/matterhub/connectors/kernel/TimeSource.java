package org.matterhub.connectors.kernel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time and sleeping, injectable so that rate limiting is tested on a simulated clock. */
public interface TimeSource {

    /** The current instant. */
    Instant now();

    /** Blocks the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** This source's time as a UTC {@link Clock}, for code that reads a clock (token expiry, Retry-After dates). */
    default Clock asClock() {
        TimeSource time = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.now();
            }
        };
    }

    /** Wall-clock time and {@link Thread#sleep}. */
    static TimeSource system() {
        return system(Clock.systemUTC());
    }

    /** {@code clock} for time, {@link Thread#sleep} for waiting. */
    static TimeSource system(Clock clock) {
        return new TimeSource() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (!duration.isNegative() && !duration.isZero()) {
                    Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
                }
            }
        };
    }
}
