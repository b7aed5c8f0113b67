package org.matterhub.connectors.netdocuments;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint;

/**
 * NetDocuments OAuth 2.0 (ND-PP, {@code apiProperties.json}): the consent page
 * {@code GET {baseUrl}/neWeb2/OAuth.aspx} on the region's web host and the token endpoint
 * {@code POST {apiBaseUrl}/v1/OAuth} (form-encoded {@code grant_type} {@code authorization_code} |
 * {@code refresh_token}); the client authenticates with HTTP Basic. Neither credentials nor tokens ever
 * appear in an exception message or a log line.
 */
public final class NetDocumentsOAuthClient {

    static final String AUTHORIZE_PATH = "/neWeb2/OAuth.aspx";
    static final String TOKEN_PATH = "/v1/OAuth";
    /** Used when the token response has no {@code expires_in}: NetDocuments' shortest documented inactivity expiry. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(45);

    private final NetDocumentsProperties properties;
    private final OAuthTokenEndpoint endpoint;

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.endpoint = new OAuthTokenEndpoint(NetDocumentsClient.VENDOR,
                URI.create(properties.apiBaseUrl() + TOKEN_PATH),
                properties.clientId(),
                properties.clientSecret(), OAuthTokenEndpoint.ClientAuthentication.BASIC, properties.requestTimeout(),
                DEFAULT_ACCESS_LIFETIME, Set.of("invalid_grant", "invalid_client"),
                NetDocumentsClient.JSON::errorCodeAndMessage,
                NetDocumentsReauthorizationRequiredException::new, Objects.requireNonNull(http, "http"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The URL to send the firm admin's browser to (with {@link NetDocumentsProperties#scope()}); NetDocuments
     * redirects back to {@code redirectUri} with {@code code} and the same {@code state}, which the caller must
     * check against the one it issued.
     */
    // GET https://{domain}/neWeb2/OAuth.aspx (ND-PP apiProperties.json)
    public URI authorizeUrl(String redirectUri, String state) {
        return endpoint.authorizeUrl(properties.baseUrl() + AUTHORIZE_PATH, redirectUri, state, properties.scope());
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws NetDocumentsReauthorizationRequiredException on {@code invalid_grant} or {@code invalid_client}
     */
    // POST https://api.{domain}/v1/OAuth grant_type=authorization_code (ND-PP)
    public NetDocumentsTokens exchangeCode(String code, String redirectUri) {
        OAuthTokenEndpoint.Grant g = endpoint.exchangeCode(code, redirectUri);
        return new NetDocumentsTokens(g.accessToken(), g.refreshToken(), g.expiresAt());
    }

    /**
     * A new access token; the refresh token is kept when the response carries none.
     *
     * @throws NetDocumentsReauthorizationRequiredException on {@code invalid_grant} (revoked or expired grant)
     */
    // POST https://api.{domain}/v1/OAuth grant_type=refresh_token (ND-PP)
    public NetDocumentsTokens refresh(String refreshToken) {
        OAuthTokenEndpoint.Grant g = endpoint.refresh(refreshToken);
        return new NetDocumentsTokens(g.accessToken(), g.refreshToken(), g.expiresAt());
    }
}
