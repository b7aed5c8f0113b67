package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-connection client-side rate limiter: a token bucket that keeps us under a vendor's published
 * "N requests per window" limit, corrected by what the vendor's headers say.
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li><b>Pacing.</b> For a limit of {@code L} per window {@code W} the bucket holds at most
 *       {@code B = max(1, L/25)} permits and refills at {@code max(1, L - B) / W}. Whatever the vendor's
 *       window algorithm (fixed window aligned anywhere, or sliding log), no span of length {@code W}
 *       contains more than {@code B + (L - B) = L} grants, while a saturated caller still gets
 *       {@code (L - B)/L} of the allowance: 96% at Clio's 50/min, 95% at 20/min, 90% at 10/min.</li>
 *   <li><b>Headers win.</b> {@link #observe(RateLimitSnapshot)} adopts the vendor's limit (a token can
 *       get more off-peak, or less), never lets the local bucket believe in more permits than the vendor
 *       reports remaining, counts our own grants against that remaining until the vendor's reset, and
 *       pauses until the reset when it reaches zero. This also covers other consumers of the same token.</li>
 *   <li><b>429.</b> {@link #pauseUntil(Instant)} (the caller passes now + Retry-After) stops all grants
 *       until then and empties the bucket, so the connection resumes gently.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #acquire(Duration)} blocks outside the lock; a caller whose permit would arrive
 * after its deadline is refused at once instead of sleeping in vain. Time comes from a {@link TimeSource}
 * so tests run on a simulated clock.
 */
public final class RateLimiter {

    /** Point-in-time state for the ops API. */
    public record Status(String name, int limit, Duration window, double availablePermits, int burstCapacity,
                         Optional<Integer> vendorRemaining, Optional<Instant> vendorResetAt,
                         Optional<Instant> pausedUntil, Optional<RateLimitSnapshot> lastObserved) {

        /**
         * Fraction of the allowance still free: the vendor's remaining / limit while its window is known,
         * otherwise the local bucket's fill level; zero while paused.
         */
        public double headroom() {
            if (pausedUntil.isPresent()) {
                return 0;
            }
            if (vendorRemaining.isPresent() && limit > 0) {
                return Math.max(0, Math.min(1, vendorRemaining.get() / (double) limit));
            }
            return Math.max(0, Math.min(1, availablePermits / burstCapacity));
        }
    }

    private final String name;
    private final Duration window;
    private final TimeSource time;

    // all guarded by this
    private int limit;
    private double capacity;
    private double permitsPerNano;
    private double tokens;
    private Instant lastRefill;
    private Instant pausedUntil;
    private Integer vendorRemaining;
    private Instant vendorResetAt;
    private RateLimitSnapshot lastObserved;

    /** A limiter on the wall clock. */
    public RateLimiter(String name, int permitsPerWindow, Duration window) {
        this(name, permitsPerWindow, window, TimeSource.system());
    }

    /**
     * @param name             shown in errors and in {@link #status()}, e.g. {@code "clio:connection-42"}
     * @param permitsPerWindow the vendor's published limit, used until its headers say otherwise
     * @param window           the vendor's window, e.g. one minute
     * @param time             clock and sleeper
     */
    public RateLimiter(String name, int permitsPerWindow, Duration window, TimeSource time) {
        this.name = Objects.requireNonNull(name, "name");
        this.window = Objects.requireNonNull(window, "window");
        this.time = Objects.requireNonNull(time, "time");
        if (permitsPerWindow < 1) {
            throw new IllegalArgumentException("permitsPerWindow must be >= 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.lastRefill = time.now();
        this.pausedUntil = Instant.MIN;
        configure(permitsPerWindow);
        this.tokens = capacity;
    }

    /** A limiter of {@code permits} per minute on the wall clock. */
    public static RateLimiter perMinute(String name, int permits) {
        return new RateLimiter(name, permits, Duration.ofMinutes(1));
    }

    /**
     * Waits for a permit, at most {@code maxWait}.
     *
     * @throws RateLimitTimeoutException when no permit can be granted within {@code maxWait} (decided
     *                                   up front: the caller does not sleep when it would be in vain)
     * @throws InterruptedException      when interrupted while waiting
     */
    public void acquire(Duration maxWait) throws InterruptedException {
        Duration denied = acquireOrWait(maxWait);
        if (denied != null) {
            throw new RateLimitTimeoutException(name, maxWait, denied);
        }
    }

    /** Like {@link #acquire(Duration)}, but answers {@code false} instead of throwing. */
    public boolean tryAcquire(Duration maxWait) throws InterruptedException {
        return acquireOrWait(maxWait) == null;
    }

    /** Returns null when granted, otherwise the wait that would have been needed. */
    private Duration acquireOrWait(Duration maxWait) throws InterruptedException {
        Instant deadline = time.now().plus(maxWait);
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = time.now();
                wait = waitNeeded(now);
                if (wait.isZero()) {
                    grant(now);
                    return null;
                }
                if (now.plus(wait).isAfter(deadline)) {
                    return wait;
                }
            }
            time.sleep(wait);
        }
    }

    /**
     * Feeds the vendor's rate-limit headers from a response. Snapshots from an older window (responses
     * arriving out of order) never raise what we believe remains.
     */
    public synchronized void observe(RateLimitSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Instant now = time.now();
        lastObserved = snapshot;
        if (snapshot.limit() > 0 && snapshot.limit() != limit) {
            refill(now);
            configure(snapshot.limit());
            tokens = Math.min(tokens, capacity);
        }
        if (!snapshot.resetAt().isAfter(now)) {
            return;
        }
        if (vendorResetAt == null || vendorRemaining == null || !vendorResetAt.isAfter(now)
                || snapshot.resetAt().isAfter(vendorResetAt)) {
            vendorResetAt = snapshot.resetAt();
            vendorRemaining = snapshot.remaining();
        } else {
            vendorRemaining = Math.min(vendorRemaining, snapshot.remaining());
        }
        refill(now);
        tokens = Math.min(tokens, Math.max(0, vendorRemaining));
        if (vendorRemaining <= 0) {
            pause(vendorResetAt, capacity);
        }
    }

    /** Grants nothing before {@code until} (e.g. now + Retry-After after a 429), and empties the bucket. */
    public synchronized void pauseUntil(Instant until) {
        pause(until, 0);
    }

    /**
     * Stops grants until {@code until}; the bucket then resumes holding {@code tokensAtResume}: empty after a
     * 429 (resume gently), full when the vendor's window was merely used up (it resets with a full allowance).
     */
    private void pause(Instant until, double tokensAtResume) {
        Objects.requireNonNull(until, "until");
        Instant now = time.now();
        if (!until.isAfter(now)) {
            return;
        }
        refill(now);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        tokens = tokensAtResume;
        if (pausedUntil.isAfter(lastRefill)) {
            lastRefill = pausedUntil;
        }
    }

    /** The limit currently enforced (configured, or adopted from the vendor's headers). */
    public synchronized int limit() {
        return limit;
    }

    /** The last rate-limit headers observed, if any. */
    public synchronized Optional<RateLimitSnapshot> lastObserved() {
        return Optional.ofNullable(lastObserved);
    }

    /** State and headroom for the ops API. */
    public synchronized Status status() {
        Instant now = time.now();
        refill(now);
        boolean windowKnown = vendorResetAt != null && vendorResetAt.isAfter(now) && vendorRemaining != null;
        return new Status(name, limit, window, tokens, (int) capacity,
                windowKnown ? Optional.of(Math.max(0, vendorRemaining)) : Optional.empty(),
                windowKnown ? Optional.of(vendorResetAt) : Optional.empty(),
                pausedUntil.isAfter(now) ? Optional.of(pausedUntil) : Optional.empty(),
                Optional.ofNullable(lastObserved));
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + limit + "/" + window + "]";
    }

    private void configure(int newLimit) {
        limit = newLimit;
        capacity = Math.max(1, newLimit / 25);
        permitsPerNano = Math.max(1, newLimit - (int) capacity) / (double) window.toNanos();
    }

    private void refill(Instant now) {
        if (now.isAfter(lastRefill)) {
            long nanos = Duration.between(lastRefill, now).toNanos();
            tokens = Math.min(capacity, tokens + nanos * permitsPerNano);
            lastRefill = now;
        }
    }

    private Duration waitNeeded(Instant now) {
        if (pausedUntil.isAfter(now)) {
            return Duration.between(now, pausedUntil);
        }
        refill(now);
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        long nanos = (long) Math.ceil((1 - tokens) / permitsPerNano);
        return Duration.ofNanos(Math.max(1, nanos));
    }

    private void grant(Instant now) {
        tokens -= 1;
        if (vendorRemaining != null && vendorResetAt != null && vendorResetAt.isAfter(now)) {
            vendorRemaining--;
            if (vendorRemaining <= 0) {
                pause(vendorResetAt, capacity);
            }
        }
    }
}
