package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.OAuthProfile;
import org.matterhub.simulators.common.OAuthServer;
import org.matterhub.simulators.common.SimExchange;

import java.time.Duration;

/**
 * iManage's OAuth 2.0 endpoints on the Work server: {@code GET /auth/oauth2/authorize} (auto-consents as
 * the simulated firm user) and {@code POST /auth/oauth2/token} with the {@code authorization_code},
 * {@code refresh_token} (kept, echoed back) and {@code password} grants. API calls carry the access token in
 * {@code X-Auth-Token} ({@code Authorization: Bearer} is accepted too).
 *
 * <p>Evidence: token path and password grant (VENDORS.md §2.1, IM-FP, IM-DF); token lifetimes are per
 * application in Control Center (IM-DOC, IM-UM). The authorize path, the code/refresh parameters and the
 * response fields are assumptions modelled on RFC 6749.
 */
final class ImanageOAuth {

    static final String AUTHORIZE_PATH = "/auth/oauth2/authorize";
    static final String TOKEN_PATH = "/auth/oauth2/token";
    /** The user the authorize step consents as. */
    static final String CONSENTING_USER = "HUBUSER";

    private final OAuthServer server;

    ImanageOAuth(MonotonicClock clock, Duration accessTtl) {
        this.server = new OAuthServer(OAuthProfile.rfc6749(AUTHORIZE_PATH, TOKEN_PATH)
                .accessTtl(accessTtl)
                .tokenType("Bearer")
                .passwordGrant()
                .consent(ex -> new OAuthProfile.Consent(CONSENTING_USER, null))
                .tokenExtras((grant, body) -> body.put("scope", "user")), clock);
    }

    OAuthServer server() {
        return server;
    }

    /** Returns the token's user, or {@code null} with {@code problem[0]} set. */
    String authenticate(SimExchange ex, String[] problem) {
        String token = ex.header("X-Auth-Token");
        if (token == null) {
            token = OAuthServer.bearer(ex.header("Authorization"));
        }
        if (token == null || token.isBlank()) {
            problem[0] = "No access token was provided (X-Auth-Token header)";
            return null;
        }
        problem[0] = server.problemWith(token);
        return problem[0] == null ? server.session(token).grant().subject() : null;
    }

    /** The token's key for rate limiting (the token itself). */
    static String tokenOf(SimExchange ex) {
        String token = ex.header("X-Auth-Token");
        if (token == null) {
            String bearer = ex.header("Authorization");
            token = bearer == null ? "anonymous" : bearer;
        }
        return token.trim();
    }
}
