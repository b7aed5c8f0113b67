package org.matterhub.connectors.xero;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenSet;

/**
 * Xero Identity's OAuth 2.0 authorization-code flow (XE-OA): the authorize URL, the code exchange and the refresh,
 * at the token endpoint with HTTP Basic client authentication. The xero-java SDK leaves token handling to the
 * caller, so this is plain {@code java.net.http}. Refresh tokens rotate on every use: whoever calls {@link #refresh}
 * must store the answer before using it ({@link XeroClient} does, through {@link org.matterhub.connectors.kernel.TokenStore}). Neither
 * credentials nor tokens ever appear in an exception message or a log line.
 */
public final class XeroOAuthClient extends OAuthClient<OAuthTokenSet> {

    /** Scopes for the hub: contacts, invoices and payments, and a refresh token. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "offline_access",
            "accounting.transactions", "accounting.contacts");
    /** Used when the token response has no {@code expires_in}: Xero's 30 minutes. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(30);

    private final XeroProperties properties;

    public XeroOAuthClient(XeroProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public XeroOAuthClient(XeroProperties properties, HttpClient http, Clock clock) {
        super(OAuthTokenEndpoint.builder(XeroClient.VENDOR, properties.tokenUrl(), http, clock)
                .client(properties.clientId(), properties.clientSecret(), ClientAuthentication.BASIC,
                        properties.requestTimeout())
                .defaultLifetime(DEFAULT_ACCESS_LIFETIME)
                .reauthorization(XeroReauthorizationRequiredException::new, "invalid_grant", "invalid_client",
                        "unauthorized_client")
                .errors(body -> {
                    XeroJson.ErrorBody error = XeroJson.error(new String(body, StandardCharsets.UTF_8));
                    return new String[] {error.type(), error.message()};
                })
                .build(), OAuthTokenSet::new);
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /**
     * The URL to send the firm admin's browser to. Xero redirects back to {@code redirectUri} with {@code code} and
     * the same {@code state}, which the caller must check against the one it issued.
     */
    // https://developer.xero.com/documentation/guides/oauth2/auth-flow
    public URI authorizeUrl(String redirectUri, String state, List<String> scopes) {
        return endpoint().authorizeUrl(authorizeEndpoint(), redirectUri, state,
                String.join(" ", scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : scopes));
    }

    @Override
    protected String authorizeEndpoint() {
        return properties.authorizeUrl().toString();
    }

    /** {@link #DEFAULT_SCOPES}. */
    @Override
    protected String scope() {
        return String.join(" ", DEFAULT_SCOPES);
    }
}
