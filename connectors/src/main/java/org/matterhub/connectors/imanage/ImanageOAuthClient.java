package org.matterhub.connectors.imanage;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthEndpoints;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.OAuthVendor;

/**
 * iManage OAuth 2.0 on the Work server: {@code GET /auth/oauth2/authorize} and
 * {@code POST /auth/oauth2/token} (form-encoded; client id and secret in the form, as third-party
 * integrations send them). The token path and the {@code password} grant are evidence (IM-FP, IM-DF);
 * the authorize path and the {@code authorization_code}/{@code refresh_token} parameters follow RFC 6749
 * and are unconfirmed (VENDORS.md §2.1). Neither credentials nor tokens ever appear in an exception
 * message or a log line.
 */
public final class ImanageOAuthClient extends OAuthClient<OAuthTokenSet> {

    /**
     * Client id and secret in the form; iManage's common 30-minute default when a token response has no
     * {@code expires_in}.
     */
    private static final OAuthVendor IMANAGE = new OAuthVendor(ImanageClient.VENDOR, ClientAuthentication.FORM,
            Duration.ofMinutes(30), ImanageClient.JSON::errorCodeAndMessage,
            ImanageReauthorizationRequiredException::new);

    private final ImanageProperties properties;

    public ImanageOAuthClient(ImanageProperties properties, HttpClient http, Clock clock) {
        super(IMANAGE, OAuthEndpoints.under(properties.baseUrl(), "/auth/oauth2/authorize", "/auth/oauth2/token"),
                properties, http, clock, OAuthTokenSet::new);
        this.properties = properties;
    }

    /**
     * Resource-owner password grant for a service account, where the firm's Control Center allows it
     * (IM-FP shows this grant).
     *
     * @throws ImanageReauthorizationRequiredException on {@code invalid_grant} (wrong credentials)
     */
    public OAuthTokenSet passwordGrant(String username, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "password");
        f.put("username", Objects.requireNonNull(username, "username"));
        f.put("password", Objects.requireNonNull(password, "password"));
        return tokens(endpoint().request(f, null));
    }

    /**
     * The iManage customer a fresh access token belongs to: {@code data.user.customer_id} of {@code GET /api}
     * (IM-FP, IM-SC), the discovery the client also uses.
     */
    public String account(OAuthTokenSet tokens) {
        return endpoint().account(URI.create(properties.baseUrl() + "/api"),
                Map.of(ImanageHeaders.AUTH_TOKEN, tokens.accessToken()),
                api -> api.path("data").path("user").path("customer_id").asText(""));
    }
}
