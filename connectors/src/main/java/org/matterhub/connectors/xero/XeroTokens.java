package org.matterhub.connectors.xero;

import java.time.Instant;
import org.matterhub.connectors.kernel.OAuthTokens;

/**
 * One Xero grant's OAuth tokens (a grant may cover several organisations). Secret: {@link #toString()} masks both
 * tokens.
 *
 * @param accessToken  bearer token for the Accounting API and {@code /connections}; lives 30 minutes (XE-OA)
 * @param refreshToken rotates on every use; the previous one stays usable for a 30-minute grace period, so the
 *                     new one must be stored before anything else happens
 * @param expiresAt    when the access token expires, per the token response's {@code expires_in}
 */
public record XeroTokens(String accessToken, String refreshToken, Instant expiresAt) implements OAuthTokens {

    public XeroTokens {
        OAuthTokens.require(accessToken, expiresAt);
    }

    @Override
    public String toString() {
        return OAuthTokens.masked(this, "");
    }
}
