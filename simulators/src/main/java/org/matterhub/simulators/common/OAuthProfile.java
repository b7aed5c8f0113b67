package org.matterhub.simulators.common;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one vendor's OAuth 2.0 authorization server looks like on the wire, for {@link OAuthServer}: its paths,
 * token lifetimes and formats, how clients authenticate, how refresh tokens behave, and how errors and token
 * responses are shaped. Built fluently; {@link #rfc6749} starts from RFC 6749 with error descriptions, strict
 * method checks and text errors on the authorize page, {@link #terse} from bare {@code {"error":…}} bodies.
 */
public final class OAuthProfile {

    /** How the token endpoint finds the client's credentials. */
    public enum ClientAuth {
        /** {@code client_id}/{@code client_secret} form fields, overridden by HTTP Basic when present. */
        FORM_OR_BASIC,
        /** HTTP Basic only. */
        BASIC_ONLY
    }

    /** What a {@code refresh_token} grant does to the refresh token. */
    public enum Refresh {
        /** Stays valid and is echoed back in the response. */
        KEEP,
        /** Stays valid; the response carries no refresh token. */
        KEEP_UNSENT,
        /** Replaced by a new one; the old refresh token and its access token stop working at once. */
        ROTATE,
        /** Replaced by a new one; the old refresh token still works for {@link #refreshGrace} after first use. */
        ROTATE_WITH_GRACE
    }

    /** When the token endpoint sends {@code Cache-Control: no-store}. */
    public enum CacheControl { ALWAYS, ON_SUCCESS, NEVER }

    /** What the authorize step records: the grant's subject (user, company) and scope. */
    public record Consent(String subject, String scope) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    final String authorizePath;
    final String tokenPath;
    final boolean terse;
    String revokePath;
    boolean ignoreCase;
    Duration accessTtl = Duration.ofHours(1);
    Duration codeLifetime = Duration.ofMinutes(10);
    Supplier<String> newCode = hex("", 20);
    Supplier<String> newAccess = hex("", 24);
    Supplier<String> newRefresh = hex("", 24);
    ClientAuth clientAuth = ClientAuth.FORM_OR_BASIC;
    int invalidClientStatus = 401;
    boolean postOnlyToken;
    CacheControl cacheControl;
    Refresh refresh = Refresh.KEEP;
    Duration refreshGrace = Duration.ZERO;
    boolean passwordGrant;
    String tokenType = "bearer";
    Function<SimExchange, Consent> consent = ex -> new Consent(null, ex.param("scope"));
    Function<OAuthServer.Grant, Map<String, String>> redirectExtras = g -> Map.of();
    BiConsumer<OAuthServer.Grant, Map<String, Object>> tokenExtras = (g, body) -> {
    };

    private OAuthProfile(String authorizePath, String tokenPath, boolean terse) {
        this.authorizePath = Objects.requireNonNull(authorizePath);
        this.tokenPath = Objects.requireNonNull(tokenPath);
        this.terse = terse;
        this.postOnlyToken = !terse;
        this.cacheControl = terse ? CacheControl.NEVER : CacheControl.ALWAYS;
    }

    /**
     * RFC 6749 errors with {@code error_description}; authorize answers non-GET with 405 and bad clients with
     * text 400s, an unsupported {@code response_type} by redirect; the token endpoint is POST only and always
     * sends {@code Cache-Control: no-store}; a missing {@code grant_type} is {@code invalid_request}.
     */
    public static OAuthProfile rfc6749(String authorizePath, String tokenPath) {
        return new OAuthProfile(authorizePath, tokenPath, false);
    }

    /**
     * Bare {@code {"error":…}} bodies; authorize answers any bad request with 400 {@code invalid_request};
     * the token endpoint accepts any method and sends no {@code Cache-Control} unless told.
     */
    public static OAuthProfile terse(String authorizePath, String tokenPath) {
        return new OAuthProfile(authorizePath, tokenPath, true);
    }

    /** Tokens of {@code bytes} random bytes in lower-case hex after {@code prefix}. */
    public static Supplier<String> hex(String prefix, int bytes) {
        return () -> {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            return prefix + HexFormat.of().formatHex(b);
        };
    }

    public OAuthProfile revokePath(String path) {
        this.revokePath = path;
        return this;
    }

    /** Match the endpoint paths ignoring case. */
    public OAuthProfile ignoreCase() {
        this.ignoreCase = true;
        return this;
    }

    public OAuthProfile accessTtl(Duration ttl) {
        this.accessTtl = ttl;
        return this;
    }

    /** {@code null}: codes do not expire. */
    public OAuthProfile codeLifetime(Duration lifetime) {
        this.codeLifetime = lifetime;
        return this;
    }

    public OAuthProfile tokens(Supplier<String> code, Supplier<String> access, Supplier<String> refreshToken) {
        this.newCode = code;
        this.newAccess = access;
        this.newRefresh = refreshToken;
        return this;
    }

    /** How clients authenticate, and the status of {@code invalid_client}. */
    public OAuthProfile clientAuth(ClientAuth auth, int invalidClientStatus) {
        this.clientAuth = auth;
        this.invalidClientStatus = invalidClientStatus;
        return this;
    }

    /** The token endpoint answers other methods with 405. */
    public OAuthProfile postOnlyToken() {
        this.postOnlyToken = true;
        return this;
    }

    public OAuthProfile cacheControl(CacheControl when) {
        this.cacheControl = when;
        return this;
    }

    public OAuthProfile refresh(Refresh policy, Duration grace) {
        this.refresh = policy;
        this.refreshGrace = grace;
        return this;
    }

    /** Also serves the {@code password} grant for users made known by {@link OAuthServer#registerUser}. */
    public OAuthProfile passwordGrant() {
        this.passwordGrant = true;
        return this;
    }

    /** {@code token_type} in token responses. */
    public OAuthProfile tokenType(String type) {
        this.tokenType = type;
        return this;
    }

    /** What the authorize step consents to (default: no subject, the {@code scope} parameter). */
    public OAuthProfile consent(Function<SimExchange, Consent> consent) {
        this.consent = consent;
        return this;
    }

    /** Parameters added to the authorize redirect after {@code state}. */
    public OAuthProfile redirectExtras(Function<OAuthServer.Grant, Map<String, String>> extras) {
        this.redirectExtras = extras;
        return this;
    }

    /** Fields added to every token response after the standard ones. */
    public OAuthProfile tokenExtras(BiConsumer<OAuthServer.Grant, Map<String, Object>> extras) {
        this.tokenExtras = extras;
        return this;
    }
}
