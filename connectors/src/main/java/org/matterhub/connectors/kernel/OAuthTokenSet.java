package org.matterhub.connectors.kernel;

import java.time.Instant;

/**
 * One connection's OAuth tokens where the vendor's token answer says no more than RFC 6749 does (Clio, iManage,
 * NetDocuments, Xero; QuickBooks adds the refresh token's expiry in {@code QboTokens}). Secret: {@link #toString()}
 * masks both tokens. Each vendor's package-info says how long its tokens live and how its API expects the access
 * token.
 *
 * @param accessToken  sent with every API call
 * @param refreshToken renews the access token; null when the grant issued none
 * @param expiresAt    when the access token expires, per the token response's {@code expires_in} (or the vendor's
 *                     documented lifetime when the response has none)
 */
public record OAuthTokenSet(String accessToken, String refreshToken, Instant expiresAt) implements OAuthTokens {

    public OAuthTokenSet {
        OAuthTokens.require(accessToken, expiresAt);
    }

    @Override
    public String toString() {
        return OAuthTokens.masked(this, "");
    }
}
