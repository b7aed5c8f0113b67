package org.matterhub.connectors.kernel;

import java.time.Duration;

/**
 * The {@link RateLimiter} could not grant a permit within the caller's deadline. Nothing was sent to the
 * vendor; retrying after {@link #wouldWait()} is safe.
 */
public class RateLimitTimeoutException extends RuntimeException {

    private final Duration wouldWait;

    public RateLimitTimeoutException(String limiter, Duration maxWait, Duration wouldWait) {
        super("rate limiter " + limiter + ": no permit within " + maxWait + " (next in " + wouldWait + ")");
        this.wouldWait = wouldWait;
    }

    /** How long the caller would have had to wait for a permit. */
    public Duration wouldWait() {
        return wouldWait;
    }
}
