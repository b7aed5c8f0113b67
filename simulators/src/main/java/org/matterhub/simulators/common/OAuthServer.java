package org.matterhub.simulators.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OAuth 2.0 authorization server for every simulator, shaped per vendor by an {@link OAuthProfile}:
 * {@code GET authorize} (auto-consents and redirects with a code), {@code POST token} with the
 * {@code authorization_code}, {@code refresh_token} (kept or rotated) and optionally {@code password} grants,
 * and optionally {@code POST revoke}. Clients are registered apps; redirect URIs are not restricted.
 */
public final class OAuthServer {

    /** What a token grants: the client, the subject the authorize step consented as (user, company) and scope. */
    public record Grant(String clientId, String subject, String scope) {
    }

    /** A live access token. */
    public record Session(String accessToken, Grant grant, Instant expiresAt, String refreshToken) {
        public boolean expired(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    /** A token response's content: {@code refreshToken} is {@code null} when none is sent. */
    public record Issued(String accessToken, String refreshToken, Grant grant) {
    }

    /** An issued code; {@code challenge} is the PKCE S256 challenge the authorize request carried, or null. */
    private record Code(Grant grant, String redirectUri, Instant expiresAt, String challenge) {
    }

    private record RefreshEntry(Grant grant, String accessToken, Instant firstUsed) {
    }

    private final OAuthProfile p;
    private final MonotonicClock clock;
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, RefreshEntry> refreshTokens = new ConcurrentHashMap<>();

    public OAuthServer(OAuthProfile profile, MonotonicClock clock) {
        this.p = profile;
        this.clock = clock;
    }

    public void registerApp(String clientId, String clientSecret) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientId and clientSecret are required");
        }
        apps.put(clientId, clientSecret);
    }

    /** A user for the {@code password} grant (names are case-insensitive, stored upper-case). */
    public void registerUser(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("username and password are required");
        }
        users.put(username.toUpperCase(Locale.ROOT), password);
    }

    /** Every code, refresh token and access token stops working. */
    public void revokeAll() {
        refreshTokens.clear();
        sessions.clear();
        codes.clear();
    }

    /** Every access token issued so far has expired; refreshing issues a working one. */
    public void expireAll() {
        sessions.replaceAll((k, s) -> new Session(s.accessToken(), s.grant(), Instant.EPOCH, s.refreshToken()));
    }

    /** Issues an access token and a new refresh token without the browser step. */
    public Issued issue(Grant grant) {
        return issue(grant, null);
    }

    /** The live session of an access token, {@code null} if unknown or revoked (expired ones are returned). */
    public Session session(String accessToken) {
        return accessToken == null ? null : sessions.get(accessToken.trim());
    }

    /** Why an access token is refused ({@code null} when it is valid), in RFC 6750 words. */
    public String problemWith(String accessToken) {
        Session s = session(accessToken);
        if (s == null) {
            return "The access token is invalid or has been revoked";
        }
        return s.expired(clock.now()) ? "The access token has expired" : null;
    }

    /** The token of an {@code Authorization: Bearer} header, or {@code null}. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** Whether {@code path} is one of this server's endpoints. */
    public boolean handles(String path) {
        return is(path, p.authorizePath) || is(path, p.tokenPath) || (p.revokePath != null && is(path, p.revokePath));
    }

    /** Serves one of this server's endpoints. */
    public void handle(SimExchange ex) {
        String path = ex.path();
        if (is(path, p.authorizePath)) {
            authorize(ex);
        } else if (is(path, p.tokenPath)) {
            token(ex);
        } else {
            revoke(ex);
        }
    }

    private boolean is(String path, String endpoint) {
        return p.ignoreCase ? path.equalsIgnoreCase(endpoint) : path.equals(endpoint);
    }

    private void authorize(SimExchange ex) {
        String clientId = ex.param("client_id");
        String redirectUri = ex.param("redirect_uri");
        boolean codeRequested = "code".equals(ex.param("response_type"));
        if (p.terse) {
            if (clientId == null || !apps.containsKey(clientId) || redirectUri == null || !codeRequested) {
                ex.sendJson(400, Map.of("error", "invalid_request"));
                return;
            }
        } else if (!"GET".equals(ex.method())) {
            ex.sendText(405, "Method not allowed");
            return;
        } else if (clientId == null || !apps.containsKey(clientId)) {
            ex.sendText(400, "Invalid client: unknown client_id");
            return;
        } else if (redirectUri == null || redirectUri.isBlank()) {
            ex.sendText(400, "Invalid request: redirect_uri is required");
            return;
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Grant grant = null;
        if (!codeRequested) {
            location.append("error=unsupported_response_type");
        } else {
            OAuthProfile.Consent consent = p.consent.apply(ex);
            grant = new Grant(clientId, consent.subject(), consent.scope());
            String code = p.newCode.get();
            Instant expires = p.codeLifetime == null ? Instant.MAX : clock.now().plus(p.codeLifetime);
            String challenge = ex.param("code_challenge");
            if (challenge != null && !"S256".equals(ex.param("code_challenge_method"))) {
                // RFC 7636 §4.4.1: only S256 is offered here; "plain" (or none) with a challenge is refused
                location.append("error=invalid_request");
                grant = null;
            } else {
                codes.put(code, new Code(grant, redirectUri, expires, challenge));
                location.append("code=").append(enc(code));
            }
        }
        String state = ex.param("state");
        if (state != null) {
            location.append("&state=").append(enc(state));
        }
        if (grant != null) {
            p.redirectExtras.apply(grant).forEach((k, v) -> location.append('&').append(k).append('=').append(enc(v)));
        }
        ex.responseHeader("Location", location.toString());
        ex.sendEmpty(302);
    }

    private void token(SimExchange ex) {
        if (p.postOnlyToken && !"POST".equals(ex.method())) {
            if (p.terse) {
                ex.sendJson(405, Map.of("error", "invalid_request"));
            } else {
                ex.sendText(405, "Method not allowed");
            }
            return;
        }
        if (p.cacheControl == OAuthProfile.CacheControl.ALWAYS) {
            ex.responseHeader("Cache-Control", "no-store");
        }
        Map<String, List<String>> form = SimExchange.parseForm(ex.body());
        String clientId = client(ex, form);
        if (clientId == null) {
            error(ex, p.invalidClientStatus, "invalid_client", "Client authentication failed");
            return;
        }
        String grantType = first(form, "grant_type");
        Issued issued;
        synchronized (this) {
            if (grantType == null && !p.terse) {
                error(ex, 400, "invalid_request", "grant_type is required");
                return;
            } else if ("authorization_code".equals(grantType)) {
                issued = codeGrant(clientId, form);
            } else if ("refresh_token".equals(grantType)) {
                issued = refreshGrant(clientId, first(form, "refresh_token"));
            } else if ("password".equals(grantType) && p.passwordGrant) {
                issued = passwordGrant(clientId, form);
            } else {
                error(ex, 400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
                return;
            }
        }
        if (issued == null) {
            error(ex, 400, "invalid_grant", switch (grantType) {
                case "authorization_code" -> "The authorization code is invalid, expired, already used, or was "
                        + "issued for another client or redirect_uri";
                case "refresh_token" -> "The refresh token is invalid or has been revoked";
                default -> "Invalid username or password";
            });
            return;
        }
        if (p.cacheControl == OAuthProfile.CacheControl.ON_SUCCESS) {
            ex.responseHeader("Cache-Control", "no-store");
        }
        ex.sendJson(200, tokenBody(issued));
    }

    private Issued codeGrant(String clientId, Map<String, List<String>> form) {
        String value = first(form, "code");
        Code code = value == null ? null : codes.remove(value);
        if (code == null || !code.grant().clientId().equals(clientId) || !code.expiresAt().isAfter(clock.now())
                || !code.redirectUri().equals(first(form, "redirect_uri"))) {
            return null;
        }
        if (code.challenge() != null) {
            // RFC 7636 §4.6: the verifier's S256 must equal the challenge of the authorize request
            String verifier = first(form, "code_verifier");
            if (verifier == null || !code.challenge().equals(s256(verifier))) {
                return null;
            }
        }
        return issue(code.grant(), null);
    }

    private Issued refreshGrant(String clientId, String refresh) {
        if (refresh == null) {
            return null;
        }
        RefreshEntry entry = p.refresh == OAuthProfile.Refresh.ROTATE ? refreshTokens.remove(refresh)
                : refreshTokens.get(refresh);
        if (entry == null || !entry.grant().clientId().equals(clientId)) {
            return null;
        }
        Instant now = clock.now();
        return switch (p.refresh) {
            case KEEP, KEEP_UNSENT -> issue(entry.grant(), refresh);
            case ROTATE -> {
                sessions.remove(entry.accessToken());
                yield issue(entry.grant(), null);
            }
            case ROTATE_WITH_GRACE -> {
                if (entry.firstUsed() != null && !entry.firstUsed().plus(p.refreshGrace).isAfter(now)) {
                    yield null;
                }
                if (entry.firstUsed() == null) {
                    refreshTokens.put(refresh, new RefreshEntry(entry.grant(), entry.accessToken(), now));
                }
                yield issue(entry.grant(), null);
            }
        };
    }

    private Issued passwordGrant(String clientId, Map<String, List<String>> form) {
        String username = first(form, "username");
        String password = first(form, "password");
        String user = username == null ? null : username.toUpperCase(Locale.ROOT);
        if (user == null || password == null || !password.equals(users.get(user))) {
            return null;
        }
        return issue(new Grant(clientId, user, null), null);
    }

    /** Issues an access token; a new refresh token unless {@code keptRefresh} is given. */
    private Issued issue(Grant grant, String keptRefresh) {
        String access = p.newAccess.get();
        String refresh = keptRefresh;
        if (refresh == null) {
            refresh = p.newRefresh.get();
            refreshTokens.put(refresh, new RefreshEntry(grant, access, null));
        }
        sessions.put(access, new Session(access, grant, clock.now().plus(p.accessTtl), refresh));
        boolean sent = keptRefresh == null || p.refresh != OAuthProfile.Refresh.KEEP_UNSENT;
        return new Issued(access, sent ? refresh : null, grant);
    }

    private Map<String, Object> tokenBody(Issued issued) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", issued.accessToken());
        out.put("token_type", p.tokenType);
        out.put("expires_in", p.accessTtl.toSeconds());
        if (issued.refreshToken() != null) {
            out.put("refresh_token", issued.refreshToken());
        }
        p.tokenExtras.accept(issued.grant(), out);
        return out;
    }

    // RFC 7009: the token to revoke arrives as JSON {"token":…}; unknown tokens are not an error
    private void revoke(SimExchange ex) {
        if (client(ex, Map.of()) == null) {
            error(ex, p.invalidClientStatus, "invalid_client", "Client authentication failed");
            return;
        }
        String token = ex.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        RefreshEntry entry = refreshTokens.remove(token);
        String access = entry == null ? token : entry.accessToken();
        Session s = sessions.remove(access);
        if (entry == null && s != null) {
            refreshTokens.remove(s.refreshToken());
        }
        ex.sendEmpty(200);
    }

    /** The authenticated client's id, or {@code null}. */
    private String client(SimExchange ex, Map<String, List<String>> form) {
        String id = p.clientAuth == OAuthProfile.ClientAuth.BASIC_ONLY ? null : first(form, "client_id");
        String secret = p.clientAuth == OAuthProfile.ClientAuth.BASIC_ONLY ? null : first(form, "client_secret");
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
                id = decoded.substring(0, colon);
                secret = decoded.substring(colon + 1);
            }
        }
        return id != null && secret != null && secret.equals(apps.get(id)) ? id : null;
    }

    private void error(SimExchange ex, int status, String error, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        if (!p.terse) {
            out.put("error_description", description);
        }
        ex.sendJson(status, out);
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String s256(String verifier) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
