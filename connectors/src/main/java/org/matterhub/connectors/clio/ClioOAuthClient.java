package org.matterhub.connectors.clio;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenSet;

/**
 * Clio's OAuth 2.0 authorization-code flow. Client credentials travel in the form body of
 * {@code POST /oauth/token}, as Clio documents; neither they nor any token ever appear in an exception
 * message or a log line.
 *
 * <p>https://docs.developers.clio.com/api-docs/authorization
 */
public final class ClioOAuthClient extends OAuthClient<OAuthTokenSet> {

    static final String AUTHORIZE_PATH = "/oauth/authorize";
    static final String TOKEN_PATH = "/oauth/token";

    private final ClioProperties properties;

    public ClioOAuthClient(ClioProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public ClioOAuthClient(ClioProperties properties, HttpClient http, Clock clock) {
        super(OAuthTokenEndpoint.builder(ClioClient.VENDOR, URI.create(properties.baseUrl() + TOKEN_PATH), http, clock)
                .client(properties.clientId(), properties.clientSecret(), ClientAuthentication.FORM,
                        properties.requestTimeout())
                .defaultLifetime(Duration.ofDays(30))
                .reauthorization(ClioReauthorizationRequiredException::new, "invalid_grant")
                .errors(ClioJson.JSON::errorCodeAndMessage)
                .build(), OAuthTokenSet::new);
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /**
     * The Clio user a fresh access token belongs to ({@code GET /api/v4/users/who_am_i.json?fields=id}, the OpenAPI
     * document's {@code User#who_am_i}). Clio publishes no account id, so the user that granted access identifies it.
     *
     * @throws org.matterhub.connectors.kernel.VendorResponseException when the answer names no user
     */
    public String account(OAuthTokenSet tokens) {
        return endpoint().account(URI.create(properties.baseUrl() + "/api/v4/users/who_am_i.json?fields=id"),
                Map.of("Authorization", "Bearer " + tokens.accessToken(), "X-API-VERSION", properties.apiVersion()),
                who -> who.path("data").path("id").asText(""));
    }

    // https://docs.developers.clio.com/api-docs/authorization#step-1-request-authorization
    @Override
    protected String authorizeEndpoint() {
        return properties.baseUrl() + AUTHORIZE_PATH;
    }
}
