package org.matterhub.connectors.netdocuments;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthEndpoints;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.OAuthVendor;

/**
 * NetDocuments OAuth 2.0 (ND-PP, {@code apiProperties.json}): the consent page
 * {@code GET {baseUrl}/neWeb2/OAuth.aspx} on the region's web host and the token endpoint
 * {@code POST {apiBaseUrl}/v1/OAuth} (form-encoded {@code grant_type} {@code authorization_code} |
 * {@code refresh_token}); the client authenticates with HTTP Basic. Neither credentials nor tokens ever
 * appear in an exception message or a log line.
 */
public final class NetDocumentsOAuthClient extends OAuthClient<OAuthTokenSet> {

    /**
     * HTTP Basic client authentication; NetDocuments' shortest documented inactivity expiry when a token response has
     * no {@code expires_in}.
     */
    private static final OAuthVendor NETDOCUMENTS = new OAuthVendor(NetDocumentsClient.VENDOR,
            ClientAuthentication.BASIC, Duration.ofMinutes(45), NetDocumentsClient.JSON::errorCodeAndMessage,
            NetDocumentsReauthorizationRequiredException::new);

    private final NetDocumentsProperties properties;

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http, Clock clock) {
        super(NETDOCUMENTS, new OAuthEndpoints(URI.create(properties.baseUrl() + "/neWeb2/OAuth.aspx"),
                URI.create(properties.apiBaseUrl() + "/v1/OAuth")), properties, http, clock, OAuthTokenSet::new);
        this.properties = properties;
    }

    /**
     * The NetDocuments organisation a fresh access token belongs to ({@code GET /v1/User/info}, ND-PP
     * {@code GetCurrentUserInfo}: {@code organization}, the user's {@code id} when it names none).
     */
    public String account(OAuthTokenSet tokens) {
        return endpoint().account(URI.create(properties.apiBaseUrl() + "/v1/User/info"),
                Map.of("Authorization", "Bearer " + tokens.accessToken()), info -> {
                    String organization = info.path("organization").asText("");
                    String id = info.path("id").asText("");
                    if (!organization.isEmpty()) {
                        return "organization:" + organization;
                    }
                    return id.isEmpty() ? null : "user:" + id;
                });
    }
}
