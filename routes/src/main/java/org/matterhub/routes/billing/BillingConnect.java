package org.matterhub.routes.billing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.routes.vendor.VendorAdapter;

/**
 * A vendor's part of connecting a firm's accounting company or organisation: its OAuth authorize redirect, the code
 * exchange on the callback, and which account (QuickBooks company, Xero organisation) the grant reaches. Webhooks name
 * that account, so it is also how a delivery finds its connection.
 */
public interface BillingConnect extends VendorAdapter {

    /** Tokens of a completed grant and the account they reach. */
    record Authorized(OAuthTokens tokens, Instant refreshTokenExpiresAt, String account) {
    }

    /** The vendor's production API base URL, when the firm names none. */
    String defaultBaseUrl();

    /** The vendor's published hosts: the only ones a connection's base URL may name. */
    org.matterhub.connectors.kernel.VendorHosts hosts();

    /**
     * Simulator base URLs (scheme, host and port) allowed besides loopback where simulators are allowed (the demo,
     * the tests); never in production.
     */
    List<String> insecureBaseUrlPrefixes();

    /** Where the firm admin's browser goes; {@code codeChallenge} is the flow's PKCE S256 challenge. */
    URI authorizeUrl(BillingConnections.Accounting connection, String redirectUri, String state, String codeChallenge);

    /** Refuses (as a 400 problem) a successful callback that lacks what the vendor always sends with it. */
    void checkCallback(Map<String, String> params);

    /**
     * Exchanges the callback's code (proving the flow with its PKCE verifier) and finds the account the grant reaches,
     * as the vendor's identity endpoint says (never the callback's parameters alone).
     */
    Authorized authorize(BillingConnections.Accounting connection, String code, String redirectUri,
                         Map<String, String> params, String codeVerifier);

    /** The settings field that names the account ({@code realmId}, {@code tenantId}). */
    String accountField();

    /** The account the settings name, or null. */
    String account(BillingSettings settings);

    BillingSettings withAccount(BillingSettings settings, String account);
}
