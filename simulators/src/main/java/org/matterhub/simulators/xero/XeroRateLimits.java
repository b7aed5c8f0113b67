package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.FixedWindowRateLimiter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Xero's four limits (VENDORS.md §5.6, developer.xero.com/faq/limits): per tenant 60 calls/minute, 5,000/day and
 * 5 concurrent; per app 10,000/minute. Windows are fixed (opened by the first call), not rolling.
 */
final class XeroRateLimits {

    /** What {@link #acquire} decided; {@code problem} is the {@code X-Rate-Limit-Problem} value or null. */
    record Verdict(boolean allowed, String problem, long retryAfterSeconds, int minRemaining, int dayRemaining,
                   int appMinRemaining) {
    }

    private final FixedWindowRateLimiter minute = new FixedWindowRateLimiter(60);
    private final FixedWindowRateLimiter day = new FixedWindowRateLimiter(24 * 60 * 60);
    private final FixedWindowRateLimiter appMinute = new FixedWindowRateLimiter(60);
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int concurrent;

    XeroRateLimits(int perMinute, int perDay, int concurrent, int appPerMinute) {
        set(perMinute, perDay, concurrent, appPerMinute);
    }

    synchronized void set(int perMinute, int perDay, int inFlightLimit, int appPerMinute) {
        minute.setLimit(perMinute);
        day.setLimit(perDay);
        appMinute.setLimit(appPerMinute);
        this.concurrent = inFlightLimit;
    }

    synchronized Map<String, Integer> describe() {
        return Map.of("perMinute", minute.limit(), "perDay", day.limit(), "concurrent", concurrent,
                "appPerMinute", appMinute.limit());
    }

    /** Counts one call for {@code tenant}; when allowed the caller must {@link #release} it. */
    synchronized Verdict acquire(String tenant, Instant now) {
        FixedWindowRateLimiter.Verdict d = day.peek(tenant, now);
        FixedWindowRateLimiter.Verdict m = minute.peek(tenant, now);
        FixedWindowRateLimiter.Verdict a = appMinute.peek("app", now);
        String problem = null;
        long retry = 0;
        if (concurrent > 0 && inFlight.getOrDefault(tenant, 0) >= concurrent) {
            problem = "concurrent";
            retry = 1;
        } else if (day.limit() > 0 && d.remaining() == 0) {
            problem = "day";
            retry = Math.max(1, d.resetEpochSeconds() - now.getEpochSecond());
        } else if (minute.limit() > 0 && m.remaining() == 0) {
            problem = "minute";
            retry = Math.max(1, m.resetEpochSeconds() - now.getEpochSecond());
        } else if (appMinute.limit() > 0 && a.remaining() == 0) {
            problem = "appminute";
            retry = Math.max(1, a.resetEpochSeconds() - now.getEpochSecond());
        }
        if (problem != null) {
            return new Verdict(false, problem, retry, m.remaining(), d.remaining(), a.remaining());
        }
        d = day.acquire(tenant, now);
        m = minute.acquire(tenant, now);
        a = appMinute.acquire("app", now);
        inFlight.merge(tenant, 1, Integer::sum);
        return new Verdict(true, null, 0, m.remaining(), d.remaining(), a.remaining());
    }

    synchronized void release(String tenant) {
        inFlight.computeIfPresent(tenant, (k, v) -> v <= 1 ? null : v - 1);
    }
}
