package org.matterhub.simulators.clio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The demo firm's admin: the Clio user who consents unless a test names another ({@link #consentAs}). */
    static final Map<String, Object> FIRM_ADMIN = user(344_829_001L, "Jane", "Whitaker", "jwhitaker@harbourlaw.example");

    private final OAuthServer server;
    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
    private volatile Map<String, Object> consenting = FIRM_ADMIN;

    ClioOAuth(MonotonicClock clock) {
        users.put(FIRM_ADMIN.get("id").toString(), FIRM_ADMIN);
        this.server = new OAuthServer(OAuthProfile.rfc6749(AUTHORIZE_PATH, TOKEN_PATH)
                .consent(ex -> new OAuthProfile.Consent(consenting.get("id").toString(), ex.param("scope")))
                .accessTtl(Duration.ofSeconds(ACCESS_TOKEN_SECONDS))
                .tokens(OAuthProfile.hex("", 20), OAuthProfile.hex("", 24), OAuthProfile.hex("", 20))
                .refresh(OAuthProfile.Refresh.KEEP_UNSENT, Duration.ZERO), clock);
    }

    OAuthServer server() {
        return server;
    }

    /**
     * From now on the authorize step consents as this Clio user (another firm's admin, in a test of a forwarded
     * consent link): the tokens it leads to belong to that user, as {@code who_am_i} then says.
     */
    void consentAs(long id, String firstName, String lastName, String email) {
        Map<String, Object> u = user(id, firstName, lastName, email);
        users.put(Long.toString(id), u);
        consenting = u;
    }

    /** The Clio user an access token belongs to (User#who_am_i), or null. */
    Map<String, Object> userOf(String accessToken) {
        OAuthServer.Session s = server.session(accessToken);
        return s == null || s.grant().subject() == null ? null : users.get(s.grant().subject());
    }

    private static Map<String, Object> user(long id, String firstName, String lastName, String email) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("etag", "\"" + Long.toHexString(id) + "\"");
        u.put("name", firstName + " " + lastName);
        u.put("first_name", firstName);
        u.put("last_name", lastName);
        u.put("email", email);
        u.put("account_owner", true);
        u.put("enabled", true);
        u.put("created_at", "2024-01-02T09:00:00Z");
        u.put("updated_at", "2024-01-02T09:00:00Z");
        return Map.copyOf(u);
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
