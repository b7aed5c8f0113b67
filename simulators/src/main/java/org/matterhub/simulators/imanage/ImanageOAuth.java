package org.matterhub.simulators.imanage;

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
 * iManage's OAuth 2.0 endpoints on the Work server: {@code GET /auth/oauth2/authorize} (auto-consents as
 * the simulated firm user) and {@code POST /auth/oauth2/token} with the {@code authorization_code},
 * {@code refresh_token} and {@code password} grants. API calls carry the access token in
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
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final MonotonicClock clock;
    private final Duration accessTtl;

    ImanageOAuth(MonotonicClock clock, Duration accessTtl) {
        this.clock = clock;
        this.accessTtl = accessTtl;
    }

    void registerApp(String clientId, String clientSecret) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        apps.put(clientId, clientSecret);
    }

    void registerUser(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("username and password are required");
        }
        users.put(username.toUpperCase(java.util.Locale.ROOT), password);
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

    /** Returns the token's user, or {@code null} with {@code problem[0]} set. */
    String authenticate(SimExchange ex, String[] problem) {
        String token = ex.header("X-Auth-Token");
        String bearer = ex.header("Authorization");
        if (token == null && bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = bearer.substring(7).trim();
        }
        if (token == null || token.isBlank()) {
            problem[0] = "No access token was provided (X-Auth-Token header)";
            return null;
        }
        Access a = accessTokens.get(token.trim());
        if (a == null) {
            problem[0] = "The access token is invalid or has been revoked";
            return null;
        }
        if (!a.expiresAt.isAfter(clock.now())) {
            problem[0] = "The access token has expired";
            return null;
        }
        return a.grant.user;
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
            codes.put(code, new Code(clientId, redirectUri, clock.now().plus(CODE_LIFETIME)));
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
        if (grantType == null) {
            ex.sendJson(400, oauthError("invalid_request", "grant_type is required"));
            return;
        }
        switch (grantType) {
            case "authorization_code" -> {
                String codeValue = first(form, "code");
                Code code = codeValue == null ? null : codes.remove(codeValue);
                if (code == null || !code.clientId.equals(clientId) || !code.expiresAt.isAfter(clock.now())
                        || !code.redirectUri.equals(first(form, "redirect_uri"))) {
                    ex.sendJson(400, oauthError("invalid_grant", "The authorization code is invalid, expired, "
                            + "already used, or was issued for another client or redirect_uri"));
                    return;
                }
                ex.sendJson(200, issue(new Grant(clientId, CONSENTING_USER), null));
            }
            case "password" -> {
                String username = first(form, "username");
                String password = first(form, "password");
                String user = username == null ? null : username.toUpperCase(java.util.Locale.ROOT);
                if (user == null || password == null || !password.equals(users.get(user))) {
                    ex.sendJson(400, oauthError("invalid_grant", "Invalid username or password"));
                    return;
                }
                ex.sendJson(200, issue(new Grant(clientId, user), null));
            }
            case "refresh_token" -> {
                String refresh = first(form, "refresh_token");
                Grant grant = refresh == null ? null : refreshTokens.get(refresh);
                if (grant == null || !grant.clientId.equals(clientId)) {
                    ex.sendJson(400, oauthError("invalid_grant", "The refresh token is invalid or has been revoked"));
                    return;
                }
                ex.sendJson(200, issue(grant, refresh));
            }
            default -> ex.sendJson(400, oauthError("unsupported_grant_type", "Unsupported grant_type " + grantType));
        }
    }

    /** Issues an access token; a new refresh token unless {@code refresh} is given (then echoed back). */
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
        out.put("token_type", "Bearer");
        out.put("expires_in", accessTtl.toSeconds());
        out.put("refresh_token", refreshToken);
        out.put("scope", "user");
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

    private record Code(String clientId, String redirectUri, Instant expiresAt) {
    }

    private record Grant(String clientId, String user) {
    }

    private record Access(Grant grant, Instant expiresAt) {
    }
}
