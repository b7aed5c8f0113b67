package org.matterhub.connectors.quickbooks;

import java.time.Instant;
import org.matterhub.connectors.kernel.OAuthTokens;

/**
 * One realm connection's Intuit OAuth tokens. Secret: {@link #toString()} masks both tokens.
 *
 * @param accessToken           bearer token; lives 3,600 s ({@code expires_in}, VENDORS.md §4.1)
 * @param refreshToken          rotates: a refresh may return a new one, and only the latest is valid
 * @param expiresAt             when the access token expires
 * @param refreshTokenExpiresAt when the refresh token expires unless used ({@code x_refresh_token_expires_in});
 *                              null when the token response did not say
 */
public record QboTokens(String accessToken, String refreshToken, Instant expiresAt, Instant refreshTokenExpiresAt)
        implements OAuthTokens {

    public QboTokens {
        OAuthTokens.require(accessToken, expiresAt);
    }

    @Override
    public String toString() {
        return OAuthTokens.masked(this, ", refreshTokenExpiresAt=" + refreshTokenExpiresAt);
    }
}
