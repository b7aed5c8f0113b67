package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.OAuthProfile;
import org.matterhub.simulators.common.OAuthServer;
import org.matterhub.simulators.common.SimExchange;

import java.util.Map;
import java.util.UUID;

/**
 * Xero Identity's OAuth 2.0: {@code /identity/connect/authorize} (auto-consents, redirects with {@code code},
 * {@code state} and {@code scope}) and {@code POST /connect/token} (client secret in HTTP Basic or the form) with
 * the {@code authorization_code} and {@code refresh_token} grants. Refresh tokens rotate; a used one keeps working
 * for the options' grace period. Errors are bare {@code {"error":…}}; a bad client is a 400.
 */
final class XeroOAuth {

    /** The scope of grants issued without the browser step. */
    static final String DIRECT_SCOPE = "openid profile email offline_access accounting.transactions accounting.contacts";

    private final OAuthServer server;
    private final MonotonicClock clock;

    XeroOAuth(MonotonicClock clock, XeroSimulatorOptions options) {
        this.clock = clock;
        this.server = new OAuthServer(OAuthProfile.terse(XeroSimulator.AUTHORIZE_PATH, XeroSimulator.TOKEN_PATH)
                .accessTtl(options.accessTokenTtl())
                .codeLifetime(null)
                .tokens(() -> UUID.randomUUID().toString().replace("-", ""), () -> "sim-at-" + UUID.randomUUID(),
                        () -> "sim-rt-" + UUID.randomUUID().toString().replace("-", ""))
                .clientAuth(OAuthProfile.ClientAuth.FORM_OR_BASIC, 400)
                .postOnlyToken()
                .cacheControl(OAuthProfile.CacheControl.ON_SUCCESS)
                .refresh(OAuthProfile.Refresh.ROTATE_WITH_GRACE, options.refreshGrace())
                .tokenType("Bearer")
                .consent(ex -> new OAuthProfile.Consent(null, ex.param("scope") == null ? "" : ex.param("scope")))
                .redirectExtras(grant -> Map.of("scope", grant.scope()))
                .tokenExtras((grant, body) -> body.put("scope", grant.scope())), clock);
    }

    OAuthServer server() {
        return server;
    }

    /** A grant for a registered app without the browser step; returns its access token. */
    String issueAccessToken(String clientId) {
        return server.issue(new OAuthServer.Grant(clientId, null, DIRECT_SCOPE)).accessToken();
    }

    /** Checks the bearer token, or throws Xero's 401 problem. */
    void authenticate(SimExchange ex) {
        String token = OAuthServer.bearer(ex.header("Authorization"));
        OAuthServer.Session s = server.session(token);
        if (s == null) {
            throw XeroApiException.problem(401, "Unauthorized", "AuthenticationUnsuccessful");
        }
        if (s.expired(clock.now())) {
            throw XeroApiException.problem(401, "Unauthorized", "TokenExpired: token expired at " + s.expiresAt());
        }
    }
}
