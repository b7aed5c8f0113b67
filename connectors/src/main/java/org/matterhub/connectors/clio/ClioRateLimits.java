package org.matterhub.connectors.clio;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.matterhub.connectors.kernel.RateLimitSnapshot;
import org.matterhub.connectors.kernel.RateLimiter;

/**
 * Clio's {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} answer headers
 * (CL-LIM), fed back into the access token's {@link RateLimiter} so that it keeps the limit Clio states rather than
 * the one assumed, and kept as the last seen.
 */
final class ClioRateLimits {

    private final RateLimiter limiter;
    private volatile RateLimitSnapshot last;

    ClioRateLimits(RateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "rateLimiter");
    }

    /** Reads the headers of one answer; an answer without all three changes nothing. */
    void observe(HttpHeaders headers) {
        OptionalLong limit = headers.firstValueAsLong(ClioHeaders.RATE_LIMIT_LIMIT);
        OptionalLong remaining = headers.firstValueAsLong(ClioHeaders.RATE_LIMIT_REMAINING);
        OptionalLong reset = headers.firstValueAsLong(ClioHeaders.RATE_LIMIT_RESET);
        if (limit.isPresent() && remaining.isPresent() && reset.isPresent()) {
            RateLimitSnapshot snapshot = new RateLimitSnapshot((int) limit.getAsLong(),
                    (int) remaining.getAsLong(), Instant.ofEpochSecond(reset.getAsLong()));
            last = snapshot;
            limiter.observe(snapshot);
        }
    }

    /** The headers of the most recent answer that carried them, if any. */
    Optional<RateLimitSnapshot> last() {
        return Optional.ofNullable(last);
    }
}
