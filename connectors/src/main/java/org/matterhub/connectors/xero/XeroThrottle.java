package org.matterhub.connectors.xero;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.matterhub.connectors.kernel.RateLimitSnapshot;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.TimeSource;

/**
 * Xero's per-organisation limits kept on our side (XE-LIM), so that a backfill never meets a 429:
 *
 * <ul>
 *   <li><b>Concurrency:</b> at most {@link XeroProperties#concurrent()} calls in flight, a fair semaphore. A slot is
 *       taken before the minute permit, so a call is sent the moment its permit is granted.</li>
 *   <li><b>Minute:</b> the kernel's {@link RateLimiter} at {@link XeroProperties#perMinute()}, fed with
 *       {@code X-MinLimit-Remaining} (Xero names no reset time; a window is assumed to end a minute after the
 *       response, which errs on the patient side) and paused by a minute 429's {@code Retry-After}.</li>
 *   <li><b>Day:</b> Xero's own count; once a 429 names the day, the organisation is parked until the reset and
 *       nothing more is sent before then ({@link XeroDailyLimitException}).</li>
 * </ul>
 *
 * <p>One instance per organisation, shared by every {@link XeroClient} for it in this process. Thread-safe.
 */
public final class XeroThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final String name;
    private final RateLimiter minute;
    private final Semaphore slots;
    private final TimeSource time;
    private final int perMinute;
    private volatile Instant parkedUntil = Instant.MIN;
    private volatile XeroLimitHeaders lastHeaders;
    /** When the organisation's current minute window was first seen open (see {@link #observe}). */
    private Instant windowSeenAt;
    private Integer lastMinuteRemaining;

    /**
     * @param name       shown in errors and status, e.g. {@code xero:<tenantId>}
     * @param perMinute  calls per minute
     * @param concurrent calls in flight
     * @param time       clock and sleeper of the minute limiter
     */
    public XeroThrottle(String name, int perMinute, int concurrent, TimeSource time) {
        this.name = Objects.requireNonNull(name, "name");
        this.time = Objects.requireNonNull(time, "time");
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent must be >= 1");
        }
        this.perMinute = perMinute;
        this.minute = new RateLimiter(name, perMinute, MINUTE, time);
        this.slots = new Semaphore(concurrent, true);
    }

    /** The organisation's throttle with the configured limits. */
    public static XeroThrottle forTenant(XeroProperties properties, UUID tenantId, TimeSource time) {
        return new XeroThrottle("xero:" + tenantId, properties.perMinute(), properties.concurrent(), time);
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

    /** After a day 429: nothing is sent for this organisation before {@code resetAt}. */
    void park(Instant resetAt) {
        synchronized (this) {
            if (resetAt.isAfter(parkedUntil)) {
                parkedUntil = resetAt;
            }
        }
    }

    /** When the daily quota resets, while it is exhausted. */
    public Optional<Instant> dailyLimitResetAt() {
        Instant until = parkedUntil;
        return until.isAfter(time.now()) ? Optional.of(until) : Optional.empty();
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
