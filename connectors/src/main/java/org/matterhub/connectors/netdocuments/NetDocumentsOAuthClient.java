package org.matterhub.connectors.netdocuments;

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
 * NetDocuments OAuth 2.0 (ND-PP, {@code apiProperties.json}): the consent page
 * {@code GET {baseUrl}/neWeb2/OAuth.aspx} on the region's web host and the token endpoint
 * {@code POST {apiBaseUrl}/v1/OAuth} (form-encoded {@code grant_type} {@code authorization_code} |
 * {@code refresh_token}); the client authenticates with HTTP Basic. Neither credentials nor tokens ever
 * appear in an exception message or a log line.
 */
public final class NetDocumentsOAuthClient extends OAuthClient<OAuthTokenSet> {

    static final String AUTHORIZE_PATH = "/neWeb2/OAuth.aspx";
    static final String TOKEN_PATH = "/v1/OAuth";
    /** Used when the token response has no {@code expires_in}: NetDocuments' shortest documented inactivity expiry. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(45);

    private final NetDocumentsProperties properties;

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http, Clock clock) {
        super(OAuthTokenEndpoint.builder(NetDocumentsClient.VENDOR, URI.create(properties.apiBaseUrl() + TOKEN_PATH),
                        http, clock)
                .reauthorization(NetDocumentsReauthorizationRequiredException::new)
                .errors(NetDocumentsClient.JSON::errorCodeAndMessage)
                .client(properties.clientId(), properties.clientSecret(), ClientAuthentication.BASIC,
                        properties.requestTimeout())
                .defaultLifetime(DEFAULT_ACCESS_LIFETIME)
                .build(), OAuthTokenSet::new);
        this.properties = Objects.requireNonNull(properties, "properties");
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

    // GET https://{domain}/neWeb2/OAuth.aspx (ND-PP apiProperties.json)
    @Override
    protected String authorizeEndpoint() {
        return properties.baseUrl() + AUTHORIZE_PATH;
    }

    @Override
    protected String scope() {
        return properties.scope();
    }
}
