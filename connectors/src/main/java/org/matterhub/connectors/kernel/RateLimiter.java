package org.matterhub.connectors.kernel;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A vendor's published "N requests per window" limit, kept by a Bucket4j bucket stored under the limit's scope by
 * {@link RateLimitBuckets} — in PostgreSQL for the hub, so that every node sharing the database draws from the same
 * bucket and the vendor sees one client — and corrected by what the vendor's headers and 429s say.
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li><b>Pacing.</b> For a limit of {@code L} per window {@code W} the bucket holds at most
 *       {@code B = max(1, L/25)} permits and refills greedily with {@code max(1, L - B)} per {@code W}. Whatever the
 *       vendor's window algorithm (fixed windows aligned anywhere, or a sliding log), no span of length {@code W}
 *       contains more than {@code B + (L - B) = L} grants — for the whole cluster, since the bucket is shared — while
 *       saturated callers still get {@code (L - B)/L} of the allowance: 96% at Clio's 50/min, 95% at 20/min, 90% at
 *       10/min. (A bandwidth that refills the whole {@code L} at once every {@code W} would let {@code 2L} through
 *       around a boundary of a window it is not aligned with; the vendor's windows are not announced in advance.)</li>
 *   <li><b>Headers win.</b> {@link #observe(RateLimitSnapshot)} adopts the vendor's limit (the stored bucket's
 *       configuration is replaced, its tokens kept), never lets the bucket hold more permits than the vendor reports
 *       remaining, counts this node's grants against that remaining until the vendor's reset, and pauses until the
 *       reset when it reaches zero. This also covers other consumers of the same token.</li>
 *   <li><b>429.</b> {@link #pauseUntil(Instant)} (the caller passes now + Retry-After) stops all grants until then
 *       and empties the bucket, so the connection resumes gently.</li>
 *   <li><b>Pauses hold for the cluster.</b> A pause is kept on this node (its exact end, reported to callers) and in
 *       the shared bucket as debt: its tokens are lowered so that it refills to its next permit no earlier than the
 *       pause's end, on every node.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #acquire(Duration)} reserves its permit in the bucket and waits outside any lock; a caller
 * whose permit would arrive after its deadline is refused at once, without reserving or sleeping in vain. Time comes
 * from the buckets' {@link TimeSource}, so tests run on a simulated clock.
 */
public final class RateLimiter {

    /** Point-in-time state for the ops API. */
    public record Status(String name, int limit, Duration window, double availablePermits, int burstCapacity,
                         Optional<Integer> vendorRemaining, Optional<Instant> vendorResetAt,
                         Optional<Instant> pausedUntil, Optional<RateLimitSnapshot> lastObserved) {

        /**
         * Fraction of the allowance still free: the vendor's remaining / limit while its window is known,
         * otherwise the bucket's fill level; zero while paused.
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
    private final Bucket bucket;
    private final BlockingStrategy sleeper;

    // all guarded by this
    private int limit;
    private Instant pausedUntil = Instant.MIN;
    private Integer vendorRemaining;
    private Instant vendorResetAt;
    private RateLimitSnapshot lastObserved;

    /** A limiter of its own in this process, on the wall clock. */
    public RateLimiter(String name, int permitsPerWindow, Duration window) {
        this(name, permitsPerWindow, window, TimeSource.system());
    }

    /** A limiter of its own in this process (no database), on {@code time}. */
    public RateLimiter(String name, int permitsPerWindow, Duration window, TimeSource time) {
        this(name, permitsPerWindow, window, RateLimitBuckets.inMemory(time));
    }

    /**
     * @param name             the limit's scope: the bucket's key, shown in errors and in {@link #status()}, e.g.
     *                         {@code "clio:<connection>"}; limiters of one name share one bucket
     * @param permitsPerWindow the vendor's published limit, used until its headers say otherwise
     * @param window           the vendor's window, e.g. one minute
     * @param buckets          where the bucket lives, and the clock it refills on
     */
    public RateLimiter(String name, int permitsPerWindow, Duration window, RateLimitBuckets buckets) {
        this.name = Objects.requireNonNull(name, "name");
        this.window = Objects.requireNonNull(window, "window");
        if (permitsPerWindow < 1) {
            throw new IllegalArgumentException("permitsPerWindow must be >= 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.time = buckets.time();
        this.limit = permitsPerWindow;
        this.sleeper = nanos -> time.sleep(Duration.ofNanos(nanos));
        this.bucket = buckets.bucket(name, () -> configuration(permitsPerWindow, window));
    }

    /** A limiter of {@code permits} per minute of its own in this process, on the wall clock. */
    public static RateLimiter perMinute(String name, int permits) {
        return new RateLimiter(name, permits, Duration.ofMinutes(1));
    }

    /** A limiter of {@code permits} per minute whose bucket {@code buckets} keeps under {@code name}. */
    public static RateLimiter perMinute(String name, int permits, RateLimitBuckets buckets) {
        return new RateLimiter(name, permits, Duration.ofMinutes(1), buckets);
    }

    /** The bucket for {@code limit} per {@code window}: a burst of {@code B} and a greedy refill of the rest. */
    static BucketConfiguration configuration(int limit, Duration window) {
        long burst = burst(limit);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(Math.max(1, limit - burst), window)
                        .initialTokens(burst).build())
                .build();
    }

    private static long burst(int limit) {
        return Math.max(1, limit / 25);
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
            Instant now = time.now();
            Duration paused = pausedFor(now);
            if (!paused.isZero()) {
                if (now.plus(paused).isAfter(deadline)) {
                    return paused;
                }
                time.sleep(paused);
                continue;
            }
            long budget = Duration.between(now, deadline).toNanos();
            boolean granted = budget > 0 ? bucket.asBlocking().tryConsume(1, budget, sleeper) : bucket.tryConsume(1);
            if (granted) {
                granted();
                return null;
            }
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                return Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
            }
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
            limit = snapshot.limit();
            bucket.replaceConfiguration(configuration(limit, window), TokensInheritanceStrategy.AS_IS);
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
        long remaining = Math.max(0, vendorRemaining);
        if (remaining < burst(limit)) {
            long tokens = bucket.getAvailableTokens();
            if (tokens > remaining) {
                bucket.consumeIgnoringRateLimits(tokens - remaining);
            }
        }
        if (vendorRemaining <= 0) {
            pause(vendorResetAt, true);
        }
    }

    /** Grants nothing before {@code until} (e.g. now + Retry-After after a 429), and empties the bucket. */
    public synchronized void pauseUntil(Instant until) {
        pause(until, false);
    }

    /**
     * Stops grants until {@code until}, here and, through the shared bucket, on every node. The bucket then
     * resumes with its first permit at {@code until} ({@code atUntil}: the vendor's window was merely used up and
     * resets with a full allowance) or one refill interval later (after a 429: resume gently).
     */
    private void pause(Instant until, boolean atUntil) {
        Objects.requireNonNull(until, "until");
        Instant now = time.now();
        if (!until.isAfter(now)) {
            return;
        }
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        double perNano = Math.max(1, limit - burst(limit)) / (double) window.toNanos();
        long refilledMeanwhile = (long) Math.ceil(Duration.between(now, until).toNanos() * perNano);
        long target = (atUntil ? 1 : 0) - refilledMeanwhile;
        long tokens = bucket.getAvailableTokens();
        if (tokens > target) {
            bucket.consumeIgnoringRateLimits(tokens - target);
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
        boolean windowKnown = vendorResetAt != null && vendorResetAt.isAfter(now) && vendorRemaining != null;
        return new Status(name, limit, window, bucket.getAvailableTokens(), (int) burst(limit),
                windowKnown ? Optional.of(Math.max(0, vendorRemaining)) : Optional.empty(),
                windowKnown ? Optional.of(vendorResetAt) : Optional.empty(),
                pausedUntil.isAfter(now) ? Optional.of(pausedUntil) : Optional.empty(),
                Optional.ofNullable(lastObserved));
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + limit + "/" + window + "]";
    }

    private synchronized Duration pausedFor(Instant now) {
        return pausedUntil.isAfter(now) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    }

    private synchronized void granted() {
        Instant now = time.now();
        if (vendorRemaining != null && vendorResetAt != null && vendorResetAt.isAfter(now)) {
            vendorRemaining--;
            if (vendorRemaining <= 0) {
                pause(vendorResetAt, true);
            }
        }
    }
}
