package org.matterhub.connectors.xero;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.RateLimitSnapshot;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.TimeSource;

/**
 * Xero's per-organisation limits kept on our side (XE-LIM), so that a backfill never meets a 429:
 *
 * <ul>
 *   <li><b>Concurrency:</b> at most {@link XeroProperties#concurrent()} calls in flight, a fair semaphore. A slot is
 *       taken before the minute permit, so a call is sent the moment its permit is granted. Kept per node, not per
 *       cluster: a slot is held for the length of a call, and sharing it would need a lease that outlives a crashed
 *       node; nodes that together could exceed Xero's 5 meet a concurrency 429, which pauses like a minute 429.</li>
 *   <li><b>Minute:</b> the kernel's {@link RateLimiter} at {@link XeroProperties#perMinute()} under the bucket key
 *       {@code xero:<tenant>:minute}, fed with {@code X-MinLimit-Remaining} (Xero names no reset time; a window is
 *       assumed to end a minute after the response, which errs on the patient side) and paused by a minute 429's
 *       {@code Retry-After}.</li>
 *   <li><b>Day:</b> a bucket under {@code xero:<tenant>:day} that refills {@link XeroProperties#perDay()} calls once a
 *       day: once it is spent, {@link #dailyLimitResetAt()} says when it refills and nothing is sent before. Xero's
 *       own count is a rolling day, so a 429 that names the day still parks the organisation until Xero's reset
 *       ({@link XeroDailyLimitException}), and empties the day bucket for the other nodes.</li>
 * </ul>
 *
 * <p>The minute and day buckets live where {@link RateLimitBuckets} keeps them: in PostgreSQL for the hub, so they hold
 * for every node. One instance per organisation, shared by every {@link XeroClient} for it in this process.
 * Thread-safe.
 */
public final class XeroThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final String name;
    private final RateLimiter minute;
    private final Bucket day;
    private final Semaphore slots;
    private final TimeSource time;
    private final int perMinute;
    private volatile Instant parkedUntil = Instant.MIN;
    private volatile XeroLimitHeaders lastHeaders;
    /** When the organisation's current minute window was first seen open (see {@link #observe}). */
    private Instant windowSeenAt;
    private Integer lastMinuteRemaining;

    /**
     * @param name       shown in errors and status, and the prefix of the bucket keys, e.g. {@code xero:<tenantId>}
     * @param perMinute  calls per minute
     * @param perDay     calls per day
     * @param concurrent calls in flight (on this node)
     * @param buckets    where the minute and day buckets live, and the clock
     */
    public XeroThrottle(String name, int perMinute, int perDay, int concurrent, RateLimitBuckets buckets) {
        this.name = Objects.requireNonNull(name, "name");
        this.time = buckets.time();
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent must be >= 1");
        }
        if (perDay < 1) {
            throw new IllegalArgumentException("perDay must be >= 1");
        }
        this.perMinute = perMinute;
        this.minute = new RateLimiter(name + ":minute", perMinute, MINUTE, buckets);
        this.day = buckets.bucket(name + ":day", () -> BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perDay).refillIntervally(perDay, DAY).initialTokens(perDay).build())
                .build());
        this.slots = new Semaphore(concurrent, true);
    }

    /** The organisation's throttle with the configured limits, its buckets in this process only. */
    public static XeroThrottle forTenant(XeroProperties properties, UUID tenantId, TimeSource time) {
        return forTenant(properties, tenantId, RateLimitBuckets.inMemory(time));
    }

    /** The organisation's throttle with the configured limits, its buckets kept by {@code buckets}. */
    public static XeroThrottle forTenant(XeroProperties properties, UUID tenantId, RateLimitBuckets buckets) {
        return new XeroThrottle("xero:" + tenantId, properties.perMinute(), properties.perDay(), properties.concurrent(),
                buckets);
    }

    /** A slot and a minute permit, held until {@link Permit#close()}. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        /** Frees the concurrency slot; idempotent. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }

    /**
     * Waits for a concurrency slot and then a minute permit, together at most {@code maxWait}.
     *
     * @throws RateLimitTimeoutException when either is not available in time (nothing was sent)
     * @throws InterruptedException      when interrupted while waiting
     */
    Permit acquire(Duration maxWait) throws InterruptedException {
        Instant start = time.now();
        if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new RateLimitTimeoutException(name + " (concurrency)", maxWait, maxWait);
        }
        Permit permit = new Permit();
        try {
            Duration left = maxWait.minus(Duration.between(start, time.now()));
            minute.acquire(left.isNegative() ? Duration.ZERO : left);
            if (!day.tryConsume(1)) {
                // another node spent the day between dailyLimitResetAt() and now: wait, like for a minute permit
                throw new RateLimitTimeoutException(name + " (day)", maxWait,
                        Duration.ofNanos(day.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
            }
            return permit;
        } catch (InterruptedException | RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /**
     * Feeds one response's limit headers. Xero says how many calls remain in the minute, not when the minute ends. A
     * window opens with its first call (as far as anyone outside Xero can tell), so the reset is estimated once per
     * window — a minute after the first response that showed it — and kept until a response shows more calls
     * remaining than before (a new window) or the estimate passes. Estimating from every response instead would push
     * the reset a minute past the latest call, and a client that ran the window down would sit idle for most of a
     * minute after Xero had already opened the next one. The estimate is never early: the first response of a window
     * is observed after the window opened.
     */
    synchronized void observe(XeroLimitHeaders headers) {
        if (headers == null || !headers.present()) {
            return;
        }
        lastHeaders = headers;
        Integer remaining = headers.minuteRemaining();
        if (remaining != null) {
            Instant at = headers.observedAt();
            if (windowSeenAt == null || lastMinuteRemaining == null || remaining > lastMinuteRemaining
                    || !at.isBefore(windowSeenAt.plus(MINUTE))) {
                windowSeenAt = at;
            }
            lastMinuteRemaining = remaining;
            minute.observe(new RateLimitSnapshot(perMinute, remaining, windowSeenAt.plus(MINUTE)));
        }
    }

    /** After a minute (or concurrency, or app-minute) 429: no permits before {@code until}. */
    void pauseUntil(Instant until) {
        minute.pauseUntil(until);
    }

    /**
     * After a day 429: nothing is sent for this organisation before {@code resetAt} from this node, and the day
     * bucket is emptied so that the other nodes stop too (until it refills; one that then meets the day 429 parks).
     */
    void park(Instant resetAt) {
        synchronized (this) {
            if (resetAt.isAfter(parkedUntil)) {
                parkedUntil = resetAt;
            }
        }
        day.tryConsumeAsMuchAsPossible();
    }

    /** When the daily quota resets, while it is exhausted: parked by Xero's 429, or the day bucket spent. */
    public Optional<Instant> dailyLimitResetAt() {
        Instant now = time.now();
        Instant until = parkedUntil;
        if (until.isAfter(now)) {
            return Optional.of(until);
        }
        EstimationProbe probe = day.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty()
                : Optional.of(now.plusNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** The last minute-window snapshot taken from Xero's headers. */
    public Optional<RateLimitSnapshot> lastSnapshot() {
        return minute.lastObserved();
    }

    /** The last limit headers Xero sent for this organisation. */
    public Optional<XeroLimitHeaders> lastHeaders() {
        return Optional.ofNullable(lastHeaders);
    }

    /** Slots free now (diagnostics and tests). */
    public int availableSlots() {
        return slots.availablePermits();
    }

    /** The minute limiter's state for the ops API. */
    public RateLimiter.Status minuteStatus() {
        return minute.status();
    }

    @Override
    public String toString() {
        return "XeroThrottle[" + name + "]";
    }
}
