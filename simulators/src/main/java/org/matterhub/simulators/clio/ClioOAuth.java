package org.matterhub.simulators.clio;

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
 * Clio's OAuth 2.0 authorization-code grant: {@code GET /oauth/authorize} (auto-consents as the firm
 * admin would) and {@code POST /oauth/token}. Access tokens last 30 days; refresh tokens never expire,
 * are not rotated and stay valid until revoked.
 *
 * <p>Docs: https://docs.developers.clio.com/api-docs/authorization
 */
final class ClioOAuth {

    static final long ACCESS_TOKEN_SECONDS = Duration.ofDays(30).toSeconds();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final MonotonicClock clock;

    ClioOAuth(MonotonicClock clock) {
        this.clock = clock;
    }

    void registerApp(String clientId, String clientSecret) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        apps.put(clientId, clientSecret);
    }

    /** Every refresh token stops working ({@code invalid_grant}); every access token answers 401. */
    void revokeAll() {
        refreshTokens.clear();
        accessTokens.clear();
        codes.clear();
    }

    /** Every access token issued so far expires now; refreshing issues a working one. */
    void expireAll() {
        Instant now = clock.now();
        accessTokens.replaceAll((k, a) -> new Access(a.clientId, now.minusSeconds(1)));
    }

    /**
     * Checks an {@code Authorization} header.
     *
     * @return the access token, or {@code null} with {@code problem[0]} set to the reason
     */
    String authenticate(String authorization, String[] problem) {
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

    // https://docs.developers.clio.com/api-docs/authorization (step: request authorization)
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

    // https://docs.developers.clio.com/api-docs/authorization (step: exchange code / refresh)
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
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
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
                ex.sendJson(400, oauthError("invalid_grant",
                        "The authorization code is invalid, expired, already used, or was issued for another "
                                + "client or redirect_uri"));
                return;
            }
            String refresh = newToken(20);
            refreshTokens.put(refresh, clientId);
            ex.sendJson(200, tokenResponse(issueAccess(clientId), refresh));
        } else if ("refresh_token".equals(grantType)) {
            String refresh = first(form, "refresh_token");
            String owner = refresh == null ? null : refreshTokens.get(refresh);
            if (owner == null || !owner.equals(clientId)) {
                ex.sendJson(400, oauthError("invalid_grant", "The refresh token is invalid or has been revoked"));
                return;
            }
            // Clio does not rotate refresh tokens: the response carries no new one and the old stays valid.
            ex.sendJson(200, tokenResponse(issueAccess(clientId), null));
        } else if (grantType == null) {
            ex.sendJson(400, oauthError("invalid_request", "grant_type is required"));
        } else {
            ex.sendJson(400, oauthError("unsupported_grant_type", "Unsupported grant_type " + grantType));
        }
    }

    private String issueAccess(String clientId) {
        String token = newToken(24);
        accessTokens.put(token, new Access(clientId, clock.now().plusSeconds(ACCESS_TOKEN_SECONDS)));
        return token;
    }

    private static Map<String, Object> tokenResponse(String access, String refresh) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", access);
        out.put("token_type", "bearer");
        out.put("expires_in", ACCESS_TOKEN_SECONDS);
        if (refresh != null) {
            out.put("refresh_token", refresh);
        }
        return out;
    }

    private static Map<String, Object> oauthError(String error, String description) {
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

    private record Access(String clientId, Instant expiresAt) {
    }
}
