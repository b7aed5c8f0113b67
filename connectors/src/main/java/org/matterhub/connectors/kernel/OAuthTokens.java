package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.time.Instant;

/** What every vendor's OAuth token pair offers; each vendor keeps its own record type. */
public interface OAuthTokens {

    String accessToken();

    /** Null when the grant issued none. */
    String refreshToken();

    Instant expiresAt();

    /** Whether the access token expires within {@code margin} of {@code now}. */
    default boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt().isAfter(now.plus(margin));
    }
}
