package org.matterhub.routes.engine;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.kernel.Pkce;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The state of every vendor's OAuth connect flow, bound to the browser that started it. Starting a flow stores on the
 * connection a random state nonce, the SHA-256 of a second random nonce that goes only into an HttpOnly, Secure,
 * SameSite=Lax cookie of the firm admin's browser, an expiry ten minutes ahead and a PKCE verifier (RFC 7636, S256);
 * the OAuth {@code state} is {@code <connection id>.<state nonce>}. The callback consumes the state once, whatever
 * its outcome, and is refused (400, before any code is exchanged) when the state is missing, unknown, used, expired,
 * of another vendor, or when the browser does not present the cookie of the flow: a consent link forwarded to
 * someone else cannot be completed by them. After the exchange the vendor account the grant reaches is compared with
 * the one the connection was first authorised for ({@link #bindAccount}).
 */
@Component
public class OAuthStates {

    /** How long a started flow may take. */
    public static final Duration TTL = Duration.ofMinutes(10);
    /** The path the binding cookie is sent to: the vendors' callbacks only. */
    public static final String COOKIE_PATH = "/oauth/callback/";

    private final SecureRandom random = new SecureRandom();
    private final WorkQueue queue;
    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final AuditLog audit;
    private final Clock clock;

    public OAuthStates(WorkQueue queue, Tenancy tenancy, ConnectionRepository connections, AuditLog audit) {
        this.queue = queue;
        this.tenancy = tenancy;
        this.connections = connections;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /**
     * A connect flow begun: the connection (found by vendor and display name, or created), the state to send, the
     * PKCE challenge to send with it, and the cookie that binds the flow to the admin's browser.
     */
    public record Started(ConnectionRecord connection, String state, Pkce pkce, ResponseCookie cookie) {

        /** The {@code Set-Cookie} header the connect answer must carry. */
        public HttpHeaders headers() {
            HttpHeaders h = new HttpHeaders();
            h.add(HttpHeaders.SET_COOKIE, cookie.toString());
            return h;
        }

        public String codeChallenge() {
            return pkce.challenge();
        }

        @Override
        public String toString() {
            return "Started[" + connection.id() + "]";
        }
    }

    /**
     * Begins (or, for re-authorisation, restarts) a firm admin's connect flow in the admin's scope: finds the firm's
     * connection to {@code vendor} named {@code displayName} or creates it, stores its settings when given, issues a
     * state and audits the start.
     */
    public Started begin(TenantScope admin, String vendor, String displayName, String baseUrl, String settingsJson) {
        return tenancy.write(admin, () -> {
            UUID id = connections.list().stream()
                    .filter(x -> x.vendor().equals(vendor) && x.displayName().equals(displayName))
                    .map(ConnectionRecord::id).findFirst()
                    .orElseGet(() -> connections.create(vendor, displayName, baseUrl));
            if (settingsJson != null) {
                connections.setSettings(id, settingsJson);
            }
            String browserNonce = nonce();
            Pkce pkce = Pkce.create();
            String stateNonce = nonce();
            connections.setOAuthState(id, stateNonce, sha256(browserNonce), clock.instant().plus(TTL), pkce.verifier());
            audit.record("connection.authorize_started", "connection", id.toString(), Map.of("vendor", vendor));
            ResponseCookie cookie = ResponseCookie.from(cookieName(id), browserNonce).httpOnly(true).secure(true)
                    .sameSite("Lax").path(COOKIE_PATH).maxAge(TTL).build();
            return new Started(connections.find(id).orElseThrow(), id + "." + stateNonce, pkce, cookie);
        });
    }

    /** The name of the cookie that binds the flow of {@code connectionId} to the browser that started it. */
    public static String cookieName(UUID connectionId) {
        return "mh_oauth_" + connectionId.toString().replace("-", "");
    }

    /** The {@code Set-Cookie} header that removes the flow's cookie (the callback answers with it). */
    public static HttpHeaders clearCookie(UUID connectionId) {
        HttpHeaders h = new HttpHeaders();
        h.add(HttpHeaders.SET_COOKIE, ResponseCookie.from(cookieName(connectionId), "").httpOnly(true).secure(true)
                .sameSite("Lax").path(COOKIE_PATH).maxAge(0).build().toString());
        return h;
    }

    /**
     * A connection whose callback carried a good state from the browser that started it, the firm scope to finish the
     * flow in, and the flow's PKCE verifier.
     */
    public record Callback(ConnectionRecord connection, TenantScope scope, String codeVerifier) {

        @Override
        public String toString() {
            return "Callback[" + connection.id() + "]";
        }
    }

    /**
     * Checks a callback's parameters and the browser's binding cookie, and consumes the state.
     *
     * @param vendorName how the problem names the vendor ("Clio", "the accounting system")
     * @param vendor     the connection's vendor column; a state of another vendor's connection is refused
     */
    public Callback consume(String vendorName, String vendor, String code, String state, String error,
                            HttpServletRequest request) {
        if (error != null) {
            String reason = ErrorTexts.code(error);
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Authorization refused", vendorName + " refused the authorization"
                    + (reason == null ? "." : " (" + reason + ")."));
        }
        if (code == null || state == null || !state.contains(".")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "code and state are required.");
        }
        UUID connectionId;
        try {
            connectionId = UUID.fromString(state.substring(0, state.indexOf('.')));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown state.");
        }
        UUID firm = queue.firmOfConnection(connectionId);
        if (firm == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown state.");
        }
        TenantScope scope = TenantScope.system(firm);
        String nonce = state.substring(state.indexOf('.') + 1);
        ConnectionRepository.PendingAuthorization pending = tenancy.write(scope, () -> connections.consumeOAuthState(nonce))
                .filter(p -> p.connectionId().equals(connectionId))
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown or used state."));
        ConnectionRecord c = tenancy.read(scope, () -> connections.find(connectionId)).filter(x -> x.vendor().equals(vendor))
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown or used state."));
        Instant expires = pending.expiresAt();
        if (expires == null || !clock.instant().isBefore(expires)) {
            refused(scope, c, "expired");
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback",
                    "The authorization took longer than " + TTL.toMinutes() + " minutes; start it again.");
        }
        String presented = cookie(request, cookieName(connectionId));
        if (pending.bindingHash() == null || presented == null || !MessageDigest.isEqual(
                sha256(presented).getBytes(StandardCharsets.US_ASCII),
                pending.bindingHash().getBytes(StandardCharsets.US_ASCII))) {
            refused(scope, c, "other_browser");
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "This authorization was started in "
                    + "another browser session; the firm admin who started it must complete it.");
        }
        return new Callback(c, scope, pending.codeVerifier());
    }

    /**
     * Records the vendor account the new grant reaches on the connection's first authorisation, or, on a later one,
     * refuses (409) a grant that reaches another account; the caller then drops the new tokens, and the connection
     * keeps its old grant.
     *
     * @param account the vendor's id of the account, as the vendor's identity endpoint gave it
     */
    public void bindAccount(Callback cb, String vendorName, String account) {
        ConnectionRecord c = cb.connection();
        if (account == null || account.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Account unknown", vendorName
                    + " did not say which account the authorization reaches; the connection keeps its old grant.");
        }
        boolean same = tenancy.write(cb.scope(), () -> {
            boolean ok = connections.recordVendorAccount(c.id(), account);
            if (!ok) {
                audit.record("connection.authorize_refused", "connection", c.id().toString(),
                        Map.of("vendor", c.vendor(), "reason", "other_account"));
            }
            return ok;
        });
        if (!same) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Another account", "The authorization reaches another "
                    + vendorName + " account than the one this connection was authorised for; the connection keeps "
                    + "its old grant.");
        }
    }

    private void refused(TenantScope scope, ConnectionRecord c, String reason) {
        tenancy.writeVoid(scope, () -> audit.record("connection.authorize_refused", "connection", c.id().toString(),
                Map.of("vendor", c.vendor(), "reason", reason)));
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie k : cookies) {
            if (name.equals(k.getName()) && k.getValue() != null && !k.getValue().isEmpty()) {
                return k.getValue();
            }
        }
        return null;
    }

    private String nonce() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
