package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.OAuthProfile;
import org.matterhub.simulators.common.OAuthServer;

import java.time.Duration;

/**
 * Clio's OAuth 2.0 authorization-code grant: {@code GET /oauth/authorize} (auto-consents as the firm
 * admin would) and {@code POST /oauth/token}. Access tokens last 30 days; refresh tokens never expire,
 * are not rotated (a refresh response carries none) and stay valid until revoked.
 *
 * <p>Docs: https://docs.developers.clio.com/api-docs/authorization
 */
final class ClioOAuth {

    static final String AUTHORIZE_PATH = "/oauth/authorize";
    static final String TOKEN_PATH = "/oauth/token";
    static final long ACCESS_TOKEN_SECONDS = Duration.ofDays(30).toSeconds();

    private final OAuthServer server;

    ClioOAuth(MonotonicClock clock) {
        this.server = new OAuthServer(OAuthProfile.rfc6749(AUTHORIZE_PATH, TOKEN_PATH)
                .accessTtl(Duration.ofSeconds(ACCESS_TOKEN_SECONDS))
                .tokens(OAuthProfile.hex("", 20), OAuthProfile.hex("", 24), OAuthProfile.hex("", 20))
                .refresh(OAuthProfile.Refresh.KEEP_UNSENT, Duration.ZERO), clock);
    }

    OAuthServer server() {
        return server;
    }

    /**
     * Checks an {@code Authorization} header.
     *
     * @return the access token, or {@code null} with {@code problem[0]} set to the reason
     */
    String authenticate(String authorization, String[] problem) {
        String token = OAuthServer.bearer(authorization);
        if (token == null) {
            problem[0] = "No access token was provided (Authorization: Bearer <token>)";
            return null;
        }
        problem[0] = server.problemWith(token);
        return problem[0] == null ? token : null;
    }
}
