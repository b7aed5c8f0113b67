package org.matterhub.connectors.clio;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthEndpoints;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.OAuthVendor;

/**
 * Clio's OAuth 2.0 authorization-code flow. Client credentials travel in the form body of
 * {@code POST /oauth/token}, as Clio documents; neither they nor any token ever appear in an exception
 * message or a log line.
 *
 * <p>https://docs.developers.clio.com/api-docs/authorization
 */
public final class ClioOAuthClient extends OAuthClient<OAuthTokenSet> {

    /**
     * Client credentials in the form; a grant lives 30 days when a token response has no {@code expires_in}; only
     * {@code invalid_grant} means the grant is gone.
     */
    private static final OAuthVendor CLIO = new OAuthVendor(ClioClient.VENDOR, ClientAuthentication.FORM,
            Duration.ofDays(30), ClioJson.JSON::errorCodeAndMessage, ClioReauthorizationRequiredException::new,
            Set.of("invalid_grant"));

    private final ClioProperties properties;

    public ClioOAuthClient(ClioProperties properties, HttpClient http, Clock clock) {
        super(CLIO, OAuthEndpoints.under(properties.baseUrl(), "/oauth/authorize", "/oauth/token"), properties, http,
                clock, OAuthTokenSet::new);
        this.properties = properties;
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
}
