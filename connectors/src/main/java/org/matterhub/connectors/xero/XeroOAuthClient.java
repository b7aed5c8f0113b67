package org.matterhub.connectors.xero;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint;

/**
 * Xero Identity's OAuth 2.0 authorization-code flow (XE-OA): the authorize URL, the code exchange and the refresh,
 * at the token endpoint with HTTP Basic client authentication. The xero-java SDK leaves token handling to the
 * caller, so this is plain {@code java.net.http}. Refresh tokens rotate on every use: whoever calls {@link #refresh}
 * must store the answer before using it ({@link XeroClient} does, through {@link XeroTokenStore}). Neither
 * credentials nor tokens ever appear in an exception message or a log line.
 */
public final class XeroOAuthClient {

    /** Scopes for the hub: contacts, invoices and payments, and a refresh token. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "offline_access",
            "accounting.transactions", "accounting.contacts");
    /** Used when the token response has no {@code expires_in}: Xero's 30 minutes. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(30);

    private final XeroProperties properties;
    private final OAuthTokenEndpoint endpoint;

    public XeroOAuthClient(XeroProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public XeroOAuthClient(XeroProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.endpoint = new OAuthTokenEndpoint(XeroClient.VENDOR, properties.tokenUrl(), properties.clientId(),
                properties.clientSecret(), OAuthTokenEndpoint.ClientAuthentication.BASIC, properties.requestTimeout(),
                DEFAULT_ACCESS_LIFETIME, Set.of("invalid_grant", "invalid_client", "unauthorized_client"),
                body -> {
                    XeroJson.ErrorBody error = XeroJson.error(new String(body, StandardCharsets.UTF_8));
                    return new String[] {error.type(), error.message()};
                }, XeroReauthorizationRequiredException::new, Objects.requireNonNull(http, "http"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The URL to send the firm admin's browser to. Xero redirects back to {@code redirectUri} with {@code code} and
     * the same {@code state}, which the caller must check against the one it issued.
     */
    // https://developer.xero.com/documentation/guides/oauth2/auth-flow
    public URI authorizeUrl(String redirectUri, String state, List<String> scopes) {
        return endpoint.authorizeUrl(properties.authorizeUrl().toString(), redirectUri, state,
                String.join(" ", scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : scopes));
    }

    /** {@link #authorizeUrl(String, String, List)} with {@link #DEFAULT_SCOPES}. */
    public URI authorizeUrl(String redirectUri, String state) {
        return authorizeUrl(redirectUri, state, DEFAULT_SCOPES);
    }

    /**
     * Exchanges an authorization code for tokens. The caller saves them, then asks {@link XeroClient#connections}
     * which organisations the grant reaches.
     *
     * @throws XeroReauthorizationRequiredException on {@code invalid_grant} (code expired, reused, or issued for
     *                                              another redirect URI) or {@code invalid_client}
     */
    // POST https://identity.xero.com/connect/token grant_type=authorization_code (XE-OA)
    public XeroTokens exchangeCode(String code, String redirectUri) {
        OAuthTokenEndpoint.Grant g = endpoint.exchangeCode(code, redirectUri);
        return new XeroTokens(g.accessToken(), g.refreshToken(), g.expiresAt());
    }

    /**
     * New tokens for a refresh token. Xero answers with a new refresh token (the old one stays valid for a 30-minute
     * grace period only); when it sends none, the one passed in is kept.
     *
     * @throws XeroReauthorizationRequiredException on {@code invalid_grant} (revoked, expired, or rotated out longer
     *                                              than the grace period ago)
     */
    // POST https://identity.xero.com/connect/token grant_type=refresh_token (XE-OA)
    public XeroTokens refresh(String refreshToken) {
        OAuthTokenEndpoint.Grant g = endpoint.refresh(refreshToken);
        return new XeroTokens(g.accessToken(), g.refreshToken(), g.expiresAt());
    }
}
