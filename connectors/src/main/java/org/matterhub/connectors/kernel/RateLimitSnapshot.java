package org.matterhub.connectors.kernel;

import java.time.Instant;
import java.util.Objects;

/**
 * What a vendor's rate-limit headers said on one response.
 *
 * @param limit     requests allowed in the vendor's window
 * @param remaining requests left in the current window
 * @param resetAt   when the current window ends
 */
public record RateLimitSnapshot(int limit, int remaining, Instant resetAt) {

    public RateLimitSnapshot {
        Objects.requireNonNull(resetAt, "resetAt");
    }
}
