package org.matterhub.simulators.common;

/**
 * A per-caller request limit in front of a vendor API, speaking the vendor's rate-limit headers through a
 * {@link HeaderScheme}: every admitted or refused call gets the scheme's headers; a refused one also gets
 * {@code Retry-After} and the vendor's 429 body.
 */
public final class RateGate {

    /** The headers a vendor sends about its limit on every call. */
    @FunctionalInterface
    public interface HeaderScheme {
        void apply(SimExchange ex, FixedWindowRateLimiter.Verdict verdict);
    }

    /** Sends the vendor's 429 answer. */
    @FunctionalInterface
    public interface Refusal {
        void send(SimExchange ex, FixedWindowRateLimiter.Verdict verdict);
    }

    /** No rate-limit headers (only {@code Retry-After} on a 429). */
    public static final HeaderScheme NO_HEADERS = (ex, v) -> {
    };

    /** {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (unix seconds). */
    public static final HeaderScheme X_RATE_LIMIT = (ex, v) -> {
        ex.responseHeader("X-RateLimit-Limit", Integer.toString(v.limit()));
        ex.responseHeader("X-RateLimit-Remaining", Integer.toString(v.remaining()));
        ex.responseHeader("X-RateLimit-Reset", Long.toString(v.resetEpochSeconds()));
    };

    private final FixedWindowRateLimiter limiter;
    private final MonotonicClock clock;
    private final HeaderScheme headers;
    private final Refusal refusal;

    /** A limit per {@code windowSeconds}, 0 (unlimited) until {@link #setLimit}. */
    public RateGate(long windowSeconds, MonotonicClock clock, HeaderScheme headers, Refusal refusal) {
        this.limiter = new FixedWindowRateLimiter(windowSeconds);
        this.clock = clock;
        this.headers = headers;
        this.refusal = refusal;
    }

    /** Calls per window per key; 0 = unlimited. Resets all windows. */
    public void setLimit(int perWindow) {
        limiter.setLimit(perWindow);
    }

    /** Counts one call for {@code key}; false when it has been refused (answered with 429). */
    public boolean admit(SimExchange ex, String key) {
        FixedWindowRateLimiter.Verdict verdict = limiter.acquire(key, clock.now());
        headers.apply(ex, verdict);
        if (verdict.allowed()) {
            return true;
        }
        ex.responseHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        refusal.send(ex, verdict);
        return false;
    }

    /** Sends the headers for {@code key} without counting a call (e.g. on a 401). */
    public void headersOnly(SimExchange ex, String key) {
        headers.apply(ex, limiter.peek(key, clock.now()));
    }
}
