package org.matterhub.routes.engine;

import java.time.Duration;
import org.matterhub.connectors.kernel.Backoff;

/**
 * A named retry budget. Background sync is patient; a client waiting on the portal is not.
 *
 * @param maxAttempts attempts before the work is parked in dead_letter
 */
public record RetryPolicy(String name, int maxAttempts, Backoff backoff) {

    public static RetryPolicy background() {
        return new RetryPolicy("background", 6, new Backoff(Duration.ofMillis(200), Duration.ofMinutes(5)));
    }

    public static RetryPolicy interactive() {
        return new RetryPolicy("interactive", 2, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
    }
}
