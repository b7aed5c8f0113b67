package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.OAuthTokens;

import java.time.Instant;

/**
 * One connection's iManage OAuth tokens. Secret: {@link #toString()} masks both tokens.
 *
 * @param accessToken  sent as {@code X-Auth-Token}; lifetime set per application in Control Center
 *                     ("Access Token Expiry", minutes of inactivity; 30 min is common)
 * @param refreshToken present when the application allows refresh tokens ("Refresh Token Expiry", days)
 * @param expiresAt    when the access token expires, per the token response's {@code expires_in}
 */
public record ImanageTokens(String accessToken, String refreshToken, Instant expiresAt) implements OAuthTokens {

    public ImanageTokens {
        OAuthTokens.require(accessToken, expiresAt);
    }

    @Override
    public String toString() {
        return OAuthTokens.masked(this, "");
    }
}
