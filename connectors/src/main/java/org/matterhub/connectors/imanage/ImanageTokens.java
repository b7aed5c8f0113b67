package org.matterhub.connectors.imanage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One connection's iManage OAuth tokens. Secret: {@link #toString()} masks both tokens.
 *
 * @param accessToken  sent as {@code X-Auth-Token}; lifetime set per application in Control Center
 *                     ("Access Token Expiry", minutes of inactivity; 30 min is common)
 * @param refreshToken present when the application allows refresh tokens ("Refresh Token Expiry", days)
 * @param expiresAt    when the access token expires, per the token response's {@code expires_in}
 */
public record ImanageTokens(String accessToken, String refreshToken, Instant expiresAt) {

    public ImanageTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the access token expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt.isAfter(now.plus(margin));
    }

    @Override
    public String toString() {
        return "ImanageTokens[accessToken=****, refreshToken=" + (refreshToken == null ? "null" : "****")
                + ", expiresAt=" + expiresAt + "]";
    }
}
