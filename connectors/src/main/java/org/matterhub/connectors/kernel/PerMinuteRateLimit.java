package org.matterhub.connectors.kernel;

import java.time.Duration;

/**
 * A connector's settings that give one request budget per minute (per access token or per connection, as the
 * vendor limits), and the {@link RateLimiter}s that keep it.
 */
public interface PerMinuteRateLimit {

    /** Requests allowed per minute. */
    int rateLimitPerMinute();

    /** A limiter of {@link #rateLimitPerMinute()} per minute, its bucket kept by {@code buckets} under {@code key}. */
    default RateLimiter newRateLimiter(String key, RateLimitBuckets buckets) {
        return new RateLimiter(key, rateLimitPerMinute(), Duration.ofMinutes(1), buckets);
    }

    /** A limiter of {@link #rateLimitPerMinute()} per minute, on {@code time}, for this process alone. */
    default RateLimiter newRateLimiter(String name, TimeSource time) {
        return new RateLimiter(name, rateLimitPerMinute(), Duration.ofMinutes(1), time);
    }
}
