package org.matterhub.simulators.quickbooks;

import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.OAuthProfile;
import org.matterhub.simulators.common.OAuthServer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intuit OAuth 2.0 (authorization code): {@code GET /connect/oauth2} auto-consents and redirects with
 * {@code code}, {@code state} and {@code realmId}; {@code POST /oauth2/v1/tokens/bearer} (HTTP Basic client
 * auth) serves {@code authorization_code} and {@code refresh_token} grants, rotating the refresh token;
 * {@code POST /oauth2/v1/tokens/revoke}. Discovery: {@code /.well-known/openid_configuration}. A grant's subject
 * is its company (realm).
 */
final class QboOAuth {

    static final String AUTHORIZE = "/connect/oauth2";
    static final String TOKEN = "/oauth2/v1/tokens/bearer";
    static final String REVOKE = "/oauth2/v1/tokens/revoke";
    static final String DISCOVERY = "/.well-known/openid_configuration";
    /** 101 days, the value seen in Intuit token responses (assumption; VENDORS.md §4.1: "at least every 100 days"). */
    static final long REFRESH_TTL_SECONDS = 8_726_400L;

    private final OAuthServer server;
    private volatile String defaultRealm;

    QboOAuth(MonotonicClock clock, Duration accessTtl) {
        this.server = new OAuthServer(OAuthProfile.terse(AUTHORIZE, TOKEN)
                .revokePath(REVOKE)
                .accessTtl(accessTtl)
                .codeLifetime(Duration.ofSeconds(600))
                .tokens(OAuthProfile.hex("AB11", 24), OAuthProfile.hex("eyJsaW0iOiJzaW0ifQ.", 24),
                        OAuthProfile.hex("AB11", 24))
                .clientAuth(OAuthProfile.ClientAuth.BASIC_ONLY, 401)
                .refresh(OAuthProfile.Refresh.ROTATE, Duration.ZERO)
                .consent(ex -> new OAuthProfile.Consent(
                        ex.param("realmId") != null ? ex.param("realmId") : defaultRealm, null))
                .redirectExtras(grant -> Map.of("realmId", grant.subject()))
                .tokenExtras((grant, body) -> body.put("x_refresh_token_expires_in", REFRESH_TTL_SECONDS)), clock);
    }

    OAuthServer server() {
        return server;
    }

    void defaultRealm(String realmId) {
        this.defaultRealm = realmId;
    }

    /** Issues a grant for a company directly (tests and demos that skip the browser step). */
    OAuthServer.Issued issue(String clientId, String realmId) {
        return server.issue(new OAuthServer.Grant(clientId, realmId, null));
    }

    /** The company of a bearer token, or a 401 fault. */
    String authenticate(String authorization) {
        String token = OAuthServer.bearer(authorization);
        if (token == null) {
            throw QboFault.authentication("Authorization header missing or not a Bearer token");
        }
        OAuthServer.Session s = server.session(token);
        if (s == null) {
            throw QboFault.authentication("Token invalid or revoked");
        }
        if (server.problemWith(token) != null) {
            throw QboFault.authentication("Token expired");
        }
        return s.grant().subject();
    }

    Map<String, Object> discovery(String base) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", base);
        d.put("authorization_endpoint", base + AUTHORIZE);
        d.put("token_endpoint", base + TOKEN);
        d.put("revocation_endpoint", base + REVOKE);
        d.put("response_types_supported", List.of("code"));
        d.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        d.put("scopes_supported", List.of("com.intuit.quickbooks.accounting", "openid", "profile", "email"));
        return d;
    }
}
