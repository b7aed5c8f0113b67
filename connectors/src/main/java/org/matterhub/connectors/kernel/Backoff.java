package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015):
 * attempt {@code n} waits a uniformly random time in {@code [0, min(cap, base * 2^(n-1))]}, and never
 * less than the vendor's {@code Retry-After}. The cap bounds only our own choice: a longer Retry-After
 * always wins.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    /** Backoff with {@link ThreadLocalRandom} jitter. */
    public Backoff(Duration base, Duration cap) {
        this(base, cap, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param base   the ceiling of the first attempt's delay; positive
     * @param cap    the largest ceiling; at least {@code base}
     * @param random source of uniform values in {@code [0, 1)}; injected by tests
     */
    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap must be >= base");
        }
    }

    /** The upper bound of the jitter window for {@code attempt} (1-based), without Retry-After. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based: " + attempt);
        }
        int shift = Math.min(attempt - 1, 62);
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        if (baseNanos > (capNanos >> shift)) {
            return cap;
        }
        return Duration.ofNanos(baseNanos << shift);
    }

    /**
     * The delay before attempt {@code attempt} (1 = the first retry).
     *
     * @param retryAfter the vendor's Retry-After, if any; the result is never shorter
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        long ceiling = ceiling(attempt).toNanos();
        double r = random.getAsDouble();
        if (r < 0 || r >= 1) {
            r = Math.max(0, Math.min(r, Math.nextDown(1.0)));
        }
        Duration jittered = Duration.ofNanos((long) (ceiling * r));
        Duration floor = retryAfter == null ? Duration.ZERO : retryAfter.orElse(Duration.ZERO);
        return jittered.compareTo(floor) >= 0 ? jittered : floor;
    }

    @Override
    public String toString() {
        return "Backoff[base=" + base + ", cap=" + cap + "]";
    }
}
