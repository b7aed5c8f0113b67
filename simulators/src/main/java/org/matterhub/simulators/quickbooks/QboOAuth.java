package org.matterhub.simulators.quickbooks;

import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SimExchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intuit OAuth 2.0 (authorization code): {@code GET /connect/oauth2} auto-consents and redirects with
 * {@code code}, {@code state} and {@code realmId}; {@code POST /oauth2/v1/tokens/bearer} (HTTP Basic client
 * auth) serves {@code authorization_code} and {@code refresh_token} grants, rotating the refresh token;
 * {@code POST /oauth2/v1/tokens/revoke}. Discovery: {@code /.well-known/openid_configuration}.
 */
final class QboOAuth {

    static final String AUTHORIZE = "/connect/oauth2";
    static final String TOKEN = "/oauth2/v1/tokens/bearer";
    static final String REVOKE = "/oauth2/v1/tokens/revoke";
    static final String DISCOVERY = "/.well-known/openid_configuration";
    /** 101 days, the value seen in Intuit token responses (assumption; VENDORS.md §4.1: "at least every 100 days"). */
    static final long REFRESH_TTL_SECONDS = 8_726_400L;

    record Grant(String clientId, String realmId, String accessToken, Instant accessExpires, String refreshToken) {
    }

    private record Code(String clientId, String realmId, String redirectUri, Instant expires) {
    }

    private final MonotonicClock clock;
    private final Duration accessTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> byAccess = new ConcurrentHashMap<>();
    private final Map<String, Grant> byRefresh = new ConcurrentHashMap<>();
    private volatile String defaultRealm;

    QboOAuth(MonotonicClock clock, Duration accessTtl) {
        this.clock = clock;
        this.accessTtl = accessTtl;
    }

    void registerApp(String clientId, String secret) {
        apps.put(clientId, secret);
    }

    void defaultRealm(String realmId) {
        this.defaultRealm = realmId;
    }

    /** Issues a grant directly (tests and demos that skip the browser step). */
    synchronized Grant issue(String clientId, String realmId) {
        String access = token("eyJsaW0iOiJzaW0ifQ.");
        String refresh = "AB11" + token("");
        Grant g = new Grant(clientId, realmId, access, clock.now().plus(accessTtl), refresh);
        byAccess.put(access, g);
        byRefresh.put(refresh, g);
        return g;
    }

    /** The grant of a bearer token, or a 401 fault. */
    Grant authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw QboFault.authentication("Authorization header missing or not a Bearer token");
        }
        Grant g = byAccess.get(authorization.substring(7).trim());
        if (g == null) {
            throw QboFault.authentication("Token invalid or revoked");
        }
        if (clock.now().isAfter(g.accessExpires())) {
            throw QboFault.authentication("Token expired");
        }
        return g;
    }

    void expireAll() {
        byAccess.replaceAll((k, g) -> new Grant(g.clientId(), g.realmId(), g.accessToken(), Instant.EPOCH, g.refreshToken()));
    }

    void revokeAll() {
        byAccess.clear();
        byRefresh.clear();
    }

    void authorize(SimExchange ex) {
        String clientId = ex.param("client_id");
        String redirect = ex.param("redirect_uri");
        if (clientId == null || !apps.containsKey(clientId) || redirect == null
                || !"code".equals(ex.param("response_type"))) {
            ex.sendJson(400, Map.of("error", "invalid_request"));
            return;
        }
        String realm = ex.param("realmId") != null ? ex.param("realmId") : defaultRealm;
        String code = "AB11" + token("");
        codes.put(code, new Code(clientId, realm, redirect, clock.now().plusSeconds(600)));
        StringBuilder to = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?')
                .append("code=").append(enc(code));
        if (ex.param("state") != null) {
            to.append("&state=").append(enc(ex.param("state")));
        }
        to.append("&realmId=").append(enc(realm));
        ex.responseHeader("Location", to.toString());
        ex.sendEmpty(302);
    }

    void token(SimExchange ex) {
        Map<String, List<String>> form = SimExchange.parseForm(ex.body());
        String clientId = basicClient(ex.header("Authorization"));
        if (clientId == null) {
            ex.sendJson(401, Map.of("error", "invalid_client"));
            return;
        }
        String grantType = first(form, "grant_type");
        Grant grant;
        synchronized (this) {
            if ("authorization_code".equals(grantType)) {
                Code c = codes.remove(String.valueOf(first(form, "code")));
                if (c == null || !c.clientId().equals(clientId) || clock.now().isAfter(c.expires())
                        || !c.redirectUri().equals(first(form, "redirect_uri"))) {
                    ex.sendJson(400, Map.of("error", "invalid_grant"));
                    return;
                }
                grant = issue(clientId, c.realmId());
            } else if ("refresh_token".equals(grantType)) {
                Grant old = byRefresh.remove(String.valueOf(first(form, "refresh_token")));
                if (old == null || !old.clientId().equals(clientId)) {
                    ex.sendJson(400, Map.of("error", "invalid_grant"));
                    return;
                }
                byAccess.remove(old.accessToken());
                grant = issue(clientId, old.realmId());
            } else {
                ex.sendJson(400, Map.of("error", "unsupported_grant_type"));
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "bearer");
        body.put("access_token", grant.accessToken());
        body.put("expires_in", accessTtl.toSeconds());
        body.put("refresh_token", grant.refreshToken());
        body.put("x_refresh_token_expires_in", REFRESH_TTL_SECONDS);
        ex.sendJson(200, body);
    }

    void revoke(SimExchange ex) {
        if (basicClient(ex.header("Authorization")) == null) {
            ex.sendJson(401, Map.of("error", "invalid_client"));
            return;
        }
        String token = ex.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        Grant g = byRefresh.remove(token);
        if (g == null) {
            g = byAccess.get(token);
            if (g != null) {
                byRefresh.remove(g.refreshToken());
            }
        }
        if (g != null) {
            byAccess.remove(g.accessToken());
        }
        ex.sendEmpty(200);
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

    private String basicClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String id = decoded.substring(0, colon);
        return decoded.substring(colon + 1).equals(apps.get(id)) ? id : null;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private String token(String prefix) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
