package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.OAuthTokens;

import java.time.Instant;

/**
 * One connection's NetDocuments OAuth tokens. Secret: {@link #toString()} masks both tokens.
 *
 * @param accessToken  sent as {@code Authorization: Bearer}; about 45–90 minutes of inactivity
 *                     and at most 24–48 hours after issue (NetDocuments REST API overview)
 * @param refreshToken reused until revoked (the simulator does not rotate it; unconfirmed)
 * @param expiresAt    when the access token expires, per the token response's {@code expires_in}
 */
public record NetDocumentsTokens(String accessToken, String refreshToken, Instant expiresAt) implements OAuthTokens {

    public NetDocumentsTokens {
        OAuthTokens.require(accessToken, expiresAt);
    }

    @Override
    public String toString() {
        return OAuthTokens.masked(this, "");
    }
}
