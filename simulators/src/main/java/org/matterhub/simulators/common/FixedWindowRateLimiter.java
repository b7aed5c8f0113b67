package org.matterhub.simulators.common;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Fixed-window request limiter keyed by caller (e.g. access token). A window opens with a key's first
 * request and lasts {@code windowSeconds}. A limit of 0 means unlimited; callers still get a verdict
 * carrying {@link #UNLIMITED_REPORTED_LIMIT} so headers can be sent.
 */
public final class FixedWindowRateLimiter {

    /** Limit reported in headers when no limit is configured. */
    public static final int UNLIMITED_REPORTED_LIMIT = 100_000;

    private final long windowSeconds;
    private final Map<String, Window> windows = new HashMap<>();
    private int limit;

    public FixedWindowRateLimiter(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    public synchronized void setLimit(int perWindow) {
        if (perWindow < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        this.limit = perWindow;
        windows.clear();
    }

    public synchronized int limit() {
        return limit;
    }

    /** Counts one request for {@code key} and says whether it is allowed. */
    public synchronized Verdict acquire(String key, Instant now) {
        long nowSec = now.getEpochSecond();
        Window w = windows.get(key);
        if (w == null || nowSec >= w.start + windowSeconds) {
            w = new Window(nowSec);
            windows.put(key, w);
        }
        int reported = limit == 0 ? UNLIMITED_REPORTED_LIMIT : limit;
        long reset = w.start + windowSeconds;
        if (limit > 0 && w.count >= limit) {
            return new Verdict(false, reported, 0, reset, Math.max(1, reset - nowSec));
        }
        w.count++;
        return new Verdict(true, reported, Math.max(0, reported - w.count), reset, 0);
    }

    /** Reports the state for {@code key} without counting a request. */
    public synchronized Verdict peek(String key, Instant now) {
        long nowSec = now.getEpochSecond();
        Window w = windows.get(key);
        int reported = limit == 0 ? UNLIMITED_REPORTED_LIMIT : limit;
        if (w == null || nowSec >= w.start + windowSeconds) {
            return new Verdict(true, reported, reported, nowSec + windowSeconds, 0);
        }
        return new Verdict(true, reported, Math.max(0, reported - w.count), w.start + windowSeconds, 0);
    }

    /**
     * @param allowed           whether the request may proceed
     * @param limit             requests per window (as reported)
     * @param remaining         requests left in the window
     * @param resetEpochSeconds when the window ends (unix seconds)
     * @param retryAfterSeconds seconds to wait when not allowed
     */
    public record Verdict(boolean allowed, int limit, int remaining, long resetEpochSeconds,
                          long retryAfterSeconds) {
    }

    private static final class Window {
        private final long start;
        private int count;

        Window(long start) {
            this.start = start;
        }
    }
}
