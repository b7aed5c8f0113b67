package org.matterhub.connectors.quickbooks;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthEndpoints;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint;
import org.matterhub.connectors.kernel.OAuthVendor;

/**
 * Intuit OAuth 2.0, authorization code grant (VENDORS.md §4.1): the browser goes to {@code authorizeUrl} and comes
 * back with {@code code}, {@code state} and {@code realmId}; {@code POST tokenUrl} (form, HTTP Basic client
 * authentication) exchanges the code, and later the refresh token. Intuit may rotate the refresh token on every
 * refresh; the latest one must be stored, which {@link QboClient} does before using it. Neither credentials nor
 * tokens ever appear in an exception message or a log line. The devkit has no OAuth client (Intuit ships it as a
 * separate artifact), so this one is plain {@code java.net.http}.
 */
public final class QboOAuthClient extends OAuthClient<QboTokens> {

    /** Scope for the Accounting API. */
    public static final String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";
    /** HTTP Basic client authentication; an hour when a token response has no {@code expires_in}; RFC 6749 errors. */
    private static final OAuthVendor QUICKBOOKS = new OAuthVendor(QboClient.VENDOR, ClientAuthentication.BASIC,
            Duration.ofHours(1), OAuthTokenEndpoint::standardError, QboReauthorizationRequiredException::new);

    private final Clock clock;

    public QboOAuthClient(QboProperties properties, HttpClient http, Clock clock) {
        super(QUICKBOOKS, new OAuthEndpoints(properties.authorizeUrl(), properties.tokenUrl()), properties, http, clock);
        this.clock = clock;
    }

    /** Intuit also says when the refresh token expires ({@code x_refresh_token_expires_in}). */
    @Override
    protected QboTokens tokens(OAuthTokenEndpoint.Grant g) {
        long refreshExpiresIn = g.body().path("x_refresh_token_expires_in").asLong(0);
        return new QboTokens(g.accessToken(), g.refreshToken(), g.expiresAt(),
                refreshExpiresIn > 0 ? clock.instant().plusSeconds(refreshExpiresIn) : null);
    }

    @Override
    protected String scope() {
        return ACCOUNTING_SCOPE;
    }
}
