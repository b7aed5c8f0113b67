package org.matterhub.connectors.kernel;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A vendor's OAuth 2.0 authorization-code client: the URL to send a firm admin's browser to, the code exchange and
 * the refresh, over the vendor's {@link OAuthTokenEndpoint}. A vendor subclass declares how its endpoint behaves
 * ({@link OAuthVendor}), where a connection's endpoints are ({@link OAuthEndpoints}) and which record its tokens
 * are; the connection's {@link OAuthClientSettings} say who the client is. The refresh keeps the old refresh
 * token when the answer carries none. A refused grant ({@code invalid_grant} and the vendor's other reauthorization codes) is the vendor's
 * {@link ReauthorizationRequiredException}. Neither credentials nor tokens ever appear in an exception message or
 * a log line.
 *
 * @param <T> the vendor's token record
 */
public abstract class OAuthClient<T extends OAuthTokens> {

    /** Builds the vendor's token record (e.g. {@code OAuthTokenSet::new}). */
    @FunctionalInterface
    public interface TokenFactory<T> {
        T of(String accessToken, String refreshToken, Instant expiresAt);
    }

    private final OAuthTokenEndpoint endpoint;
    private final OAuthEndpoints endpoints;
    private final OAuthClientSettings settings;
    private final TokenFactory<T> tokens;

    /**
     * A client of {@code vendor}'s {@code endpoints} for one connection's {@code settings}, whose tokens are the
     * access token, the refresh token and the expiry (e.g. {@code OAuthTokenSet::new}).
     */
    protected OAuthClient(OAuthVendor vendor, OAuthEndpoints endpoints, OAuthClientSettings settings, HttpClient http,
                          Clock clock, TokenFactory<T> tokens) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoint = vendor.endpoint(endpoints.tokenUrl(), settings, http, clock);
        this.tokens = tokens;
    }

    /** A client that reads more of the token answer: it overrides {@link #tokens(OAuthTokenEndpoint.Grant)}. */
    protected OAuthClient(OAuthVendor vendor, OAuthEndpoints endpoints, OAuthClientSettings settings, HttpClient http,
                          Clock clock) {
        this(vendor, endpoints, settings, http, clock, null);
    }

    /**
     * The URL to send the firm admin's browser to. The vendor redirects back to {@code redirectUri} with
     * {@code code} and the same {@code state}, which the caller must check against the one it issued.
     */
    public URI authorizeUrl(String redirectUri, String state) {
        return authorizeUrl(redirectUri, state, null);
    }

    /** As above, with the PKCE challenge of the flow ({@link Pkce#challenge()}), when not null. */
    public URI authorizeUrl(String redirectUri, String state, String codeChallenge) {
        return endpoint.authorizeUrl(authorizeEndpoint(), redirectUri, state, scope(), codeChallenge);
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws ReauthorizationRequiredException (the vendor's) when the vendor refuses the code: expired, reused, or
     *                                          issued for another redirect URI
     */
    public T exchangeCode(String code, String redirectUri) {
        return exchangeCode(code, redirectUri, null);
    }

    /** As above, proving the flow with its PKCE {@code codeVerifier}, when not null. */
    public T exchangeCode(String code, String redirectUri, String codeVerifier) {
        return tokens(endpoint.exchangeCode(code, redirectUri, codeVerifier));
    }

    /**
     * New tokens for a refresh token; when the answer carries no refresh token, the one passed in is kept.
     *
     * @throws ReauthorizationRequiredException (the vendor's) when the grant is revoked, expired or rotated out
     */
    public T refresh(String refreshToken) {
        return tokens(endpoint.refresh(refreshToken));
    }

    /** The vendor's authorize endpoint (it may carry a query of its own). */
    protected String authorizeEndpoint() {
        return endpoints.authorizeUrl().toString();
    }

    /** The scope to ask for, or null when the vendor takes none: the settings'. */
    protected String scope() {
        return settings.scope();
    }

    /** The vendor's record for a token answer. */
    protected T tokens(OAuthTokenEndpoint.Grant grant) {
        if (tokens == null) {
            throw new IllegalStateException("a client without a token factory overrides tokens(Grant)");
        }
        return tokens.of(grant.accessToken(), grant.refreshToken(), grant.expiresAt());
    }

    /** The token endpoint, for a vendor's other grants. */
    protected OAuthTokenEndpoint endpoint() {
        return endpoint;
    }
}
