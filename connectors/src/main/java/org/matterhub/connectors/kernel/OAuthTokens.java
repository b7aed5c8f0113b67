package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What every vendor's OAuth token pair offers; each vendor keeps its own record type. */
public interface OAuthTokens {

    String accessToken();

    /** Null when the grant issued none. */
    String refreshToken();

    Instant expiresAt();

    /** When the refresh token expires; null when the vendor does not say (only QuickBooks does). */
    default Instant refreshTokenExpiresAt() {
        return null;
    }

    /** Whether the access token expires within {@code margin} of {@code now}. */
    default boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt().isAfter(now.plus(margin));
    }

    /**
     * Checks what every token record needs: an access token and its expiry.
     *
     * @throws NullPointerException naming the missing field
     */
    static void require(String accessToken, Instant expiresAt) {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * A token record's {@code toString}: {@code OAuthTokenSet[accessToken=****, refreshToken=****, expiresAt=…]}, both
     * tokens masked, then {@code more} (e.g. {@code ", refreshTokenExpiresAt=…"}).
     */
    static String masked(OAuthTokens tokens, String more) {
        return tokens.getClass().getSimpleName() + "[accessToken=****, refreshToken="
                + (tokens.refreshToken() == null ? "null" : "****") + ", expiresAt=" + tokens.expiresAt() + more + "]";
    }
}
