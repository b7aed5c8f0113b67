package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.OAuthProfile;
import org.matterhub.simulators.common.OAuthServer;
import org.matterhub.simulators.common.SimExchange;

import java.time.Duration;

/**
 * NetDocuments OAuth 2.0 (ND-PP: {@code apiProperties.json} and the swagger's {@code securityDefinitions}):
 * {@code GET /neWeb2/OAuth.aspx} (on the region's web host; auto-consents as the firm user) and
 * {@code POST /v1/OAuth} (on the API host) with {@code authorization_code} and {@code refresh_token}
 * grants; the client authenticates with HTTP Basic or {@code client_id}/{@code client_secret} form fields.
 * API calls carry {@code Authorization: Bearer}.
 */
final class NetDocumentsOAuth {

    static final String AUTHORIZE_PATH = "/neWeb2/OAuth.aspx";
    static final String TOKEN_PATH = "/v1/OAuth";

    private final OAuthServer server;

    NetDocumentsOAuth(MonotonicClock clock, Duration accessTtl) {
        this.server = new OAuthServer(OAuthProfile.rfc6749(AUTHORIZE_PATH, TOKEN_PATH)
                .ignoreCase()
                .accessTtl(accessTtl)
                .consent(ex -> new OAuthProfile.Consent(null, ex.param("scope") == null ? "read" : ex.param("scope")))
                .tokenExtras((grant, body) -> body.put("scope", grant.scope())), clock);
    }

    OAuthServer server() {
        return server;
    }

    /** Returns the bearer token, or {@code null} with {@code problem[0]} set. */
    String authenticate(SimExchange ex, String[] problem) {
        String token = OAuthServer.bearer(ex.header("Authorization"));
        if (token == null) {
            problem[0] = "No access token was provided (Authorization: Bearer <token>)";
            return null;
        }
        problem[0] = server.problemWith(token);
        return problem[0] == null ? token : null;
    }
}
