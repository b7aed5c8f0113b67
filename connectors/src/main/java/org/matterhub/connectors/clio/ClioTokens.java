package org.matterhub.connectors.clio;

import org.matterhub.connectors.kernel.OAuthTokens;

import java.time.Instant;

/**
 * One connection's OAuth tokens. Secret: {@link #toString()} masks both tokens.
 *
 * @param accessToken  bearer token for API calls (30 days at Clio)
 * @param refreshToken long-lived refresh token (does not expire; reusable until revoked)
 * @param expiresAt    when the access token expires, per the token response's {@code expires_in}
 */
public record ClioTokens(String accessToken, String refreshToken, Instant expiresAt) implements OAuthTokens {

    public ClioTokens {
        OAuthTokens.require(accessToken, expiresAt);
    }

    @Override
    public String toString() {
        return OAuthTokens.masked(this, "");
    }
}
