package org.matterhub.connectors.xero;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthEndpoints;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.OAuthVendor;

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
    /**
     * HTTP Basic client authentication; Xero's 30 minutes when a token response has no {@code expires_in}; Xero's
     * error bodies, and three codes that mean the grant is gone.
     */
    private static final OAuthVendor XERO = new OAuthVendor(XeroClient.VENDOR, ClientAuthentication.BASIC,
            Duration.ofMinutes(30), XeroOAuthClient::errorTypeAndMessage, XeroReauthorizationRequiredException::new,
            Set.of("invalid_grant", "invalid_client", "unauthorized_client"));

    public XeroOAuthClient(XeroProperties properties, HttpClient http, Clock clock) {
        super(XERO, new OAuthEndpoints(properties.authorizeUrl(), properties.tokenUrl()), properties, http, clock,
                OAuthTokenSet::new);
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

    /** {@link #DEFAULT_SCOPES}. */
    @Override
    protected String scope() {
        return String.join(" ", DEFAULT_SCOPES);
    }

    private static String[] errorTypeAndMessage(byte[] body) {
        XeroJson.ErrorBody error = XeroJson.error(new String(body, StandardCharsets.UTF_8));
        return new String[] {error.type(), error.message()};
    }
}
