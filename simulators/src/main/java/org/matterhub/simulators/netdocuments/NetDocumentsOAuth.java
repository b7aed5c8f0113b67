package org.matterhub.simulators.netdocuments;

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
 * NetDocuments OAuth 2.0 (ND-PP: {@code apiProperties.json} and the swagger's {@code securityDefinitions}):
 * {@code GET /neWeb2/OAuth.aspx} (on the region's web host; auto-consents as the firm user) and
 * {@code POST /v1/OAuth} (on the API host) with {@code authorization_code} and {@code refresh_token}
 * grants; the client authenticates with HTTP Basic or {@code client_id}/{@code client_secret} form fields.
 * API calls carry {@code Authorization: Bearer}.
 */
final class NetDocumentsOAuth {

    static final String AUTHORIZE_PATH = "/neWeb2/OAuth.aspx";
    static final String TOKEN_PATH = "/v1/OAuth";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final MonotonicClock clock;
    private final Duration accessTtl;

    NetDocumentsOAuth(MonotonicClock clock, Duration accessTtl) {
        this.clock = clock;
        this.accessTtl = accessTtl;
    }

    void registerApp(String clientId, String clientSecret) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        apps.put(clientId, clientSecret);
    }

    void revokeAll() {
        refreshTokens.clear();
        accessTokens.clear();
        codes.clear();
    }

    void expireAll() {
        Instant now = clock.now();
        accessTokens.replaceAll((k, a) -> new Access(a.grant, now.minusSeconds(1)));
    }

    /** Returns the bearer token, or {@code null} with {@code problem[0]} set. */
    String authenticate(SimExchange ex, String[] problem) {
        String authorization = ex.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            problem[0] = "No access token was provided (Authorization: Bearer <token>)";
            return null;
        }
        String token = authorization.substring(7).trim();
        Access a = accessTokens.get(token);
        if (a == null) {
            problem[0] = "The access token is invalid or has been revoked";
            return null;
        }
        if (!a.expiresAt.isAfter(clock.now())) {
            problem[0] = "The access token has expired";
            return null;
        }
        return token;
    }

    void authorize(SimExchange ex) {
        if (!"GET".equals(ex.method())) {
            ex.sendText(405, "Method not allowed");
            return;
        }
        String clientId = ex.param("client_id");
        String redirectUri = ex.param("redirect_uri");
        if (clientId == null || !apps.containsKey(clientId)) {
            ex.sendText(400, "Invalid client: unknown client_id");
            return;
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            ex.sendText(400, "Invalid request: redirect_uri is required");
            return;
        }
        String state = ex.param("state");
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        if (!"code".equals(ex.param("response_type"))) {
            location.append("error=unsupported_response_type");
        } else {
            String code = newToken(20);
            codes.put(code, new Code(clientId, redirectUri, ex.param("scope"), clock.now().plus(CODE_LIFETIME)));
            location.append("code=").append(enc(code));
        }
        if (state != null) {
            location.append("&state=").append(enc(state));
        }
        ex.responseHeader("Location", location.toString());
        ex.sendEmpty(302);
    }

    void token(SimExchange ex) {
        if (!"POST".equals(ex.method())) {
            ex.sendText(405, "Method not allowed");
            return;
        }
        ex.responseHeader("Cache-Control", "no-store");
        Map<String, List<String>> form = SimExchange.parseForm(ex.body());
        String clientId = first(form, "client_id");
        String clientSecret = first(form, "client_secret");
        String basic = ex.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = decoded.substring(0, colon);
                clientSecret = decoded.substring(colon + 1);
            }
        }
        if (clientId == null || clientSecret == null || !clientSecret.equals(apps.get(clientId))) {
            ex.sendJson(401, oauthError("invalid_client", "Client authentication failed"));
            return;
        }
        String grantType = first(form, "grant_type");
        if ("authorization_code".equals(grantType)) {
            String codeValue = first(form, "code");
            Code code = codeValue == null ? null : codes.remove(codeValue);
            if (code == null || !code.clientId.equals(clientId) || !code.expiresAt.isAfter(clock.now())
                    || !code.redirectUri.equals(first(form, "redirect_uri"))) {
                ex.sendJson(400, oauthError("invalid_grant", "The authorization code is invalid, expired, "
                        + "already used, or was issued for another client or redirect_uri"));
                return;
            }
            ex.sendJson(200, issue(new Grant(clientId, code.scope == null ? "read" : code.scope), null));
        } else if ("refresh_token".equals(grantType)) {
            String refresh = first(form, "refresh_token");
            Grant grant = refresh == null ? null : refreshTokens.get(refresh);
            if (grant == null || !grant.clientId.equals(clientId)) {
                ex.sendJson(400, oauthError("invalid_grant", "The refresh token is invalid or has been revoked"));
                return;
            }
            ex.sendJson(200, issue(grant, refresh));
        } else if (grantType == null) {
            ex.sendJson(400, oauthError("invalid_request", "grant_type is required"));
        } else {
            ex.sendJson(400, oauthError("unsupported_grant_type", "Unsupported grant_type " + grantType));
        }
    }

    private Map<String, Object> issue(Grant grant, String refresh) {
        String access = newToken(24);
        accessTokens.put(access, new Access(grant, clock.now().plus(accessTtl)));
        String refreshToken = refresh;
        if (refreshToken == null) {
            refreshToken = newToken(24);
            refreshTokens.put(refreshToken, grant);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", access);
        out.put("token_type", "bearer");
        out.put("expires_in", accessTtl.toSeconds());
        out.put("refresh_token", refreshToken);
        out.put("scope", grant.scope);
        return out;
    }

    static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("error_description", description);
        return out;
    }

    private String newToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Code(String clientId, String redirectUri, String scope, Instant expiresAt) {
    }

    private record Grant(String clientId, String scope) {
    }

    private record Access(Grant grant, Instant expiresAt) {
    }
}
