package org.matterhub.connectors.clio;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint;

/**
 * Clio's OAuth 2.0 authorization-code flow. Client credentials travel in the form body of
 * {@code POST /oauth/token}, as Clio documents; neither they nor any token ever appear in an exception
 * message or a log line.
 *
 * <p>https://docs.developers.clio.com/api-docs/authorization
 */
public final class ClioOAuthClient {

    static final String AUTHORIZE_PATH = "/oauth/authorize";
    static final String TOKEN_PATH = "/oauth/token";

    private final ClioProperties properties;
    private final OAuthTokenEndpoint endpoint;

    public ClioOAuthClient(ClioProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public ClioOAuthClient(ClioProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.endpoint = new OAuthTokenEndpoint(ClioClient.VENDOR, URI.create(properties.baseUrl() + TOKEN_PATH),
                properties.clientId(),
                properties.clientSecret(), OAuthTokenEndpoint.ClientAuthentication.FORM, properties.requestTimeout(),
                Duration.ofDays(30), Set.of("invalid_grant"), ClioJson.JSON::errorCodeAndMessage,
                ClioReauthorizationRequiredException::new, Objects.requireNonNull(http, "http"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The URL to send the firm admin's browser to. Clio redirects back to {@code redirectUri} with
     * {@code code} and the same {@code state}, which the caller must check against the one it issued.
     */
    // https://docs.developers.clio.com/api-docs/authorization#step-1-request-authorization
    public URI authorizeUrl(String redirectUri, String state) {
        return endpoint.authorizeUrl(properties.baseUrl() + AUTHORIZE_PATH, redirectUri, state, null);
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws ClioReauthorizationRequiredException when Clio answers {@code invalid_grant} (code expired,
     *                                              reused, or issued for another redirect URI)
     */
    // https://docs.developers.clio.com/api-docs/authorization#step-3-exchange-the-authorization-code-for-tokens
    public ClioTokens exchangeCode(String code, String redirectUri) {
        OAuthTokenEndpoint.Grant g = endpoint.exchangeCode(code, redirectUri);
        return new ClioTokens(g.accessToken(), g.refreshToken(), g.expiresAt());
    }

    /**
     * Obtains a new access token. Clio's refresh tokens do not rotate: when the response carries none,
     * the one passed in is kept.
     *
     * @throws ClioReauthorizationRequiredException when Clio answers {@code invalid_grant} (grant revoked)
     */
    // https://docs.developers.clio.com/api-docs/authorization#refresh-tokens
    public ClioTokens refresh(String refreshToken) {
        OAuthTokenEndpoint.Grant g = endpoint.refresh(refreshToken);
        return new ClioTokens(g.accessToken(), g.refreshToken(), g.expiresAt());
    }
}
