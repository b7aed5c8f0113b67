package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.kernel.VendorUrlException;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.vendor.ConnectFlow;
import org.matterhub.routes.vendor.PortConnectFlow;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.ConnectionRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Connecting a firm's accounting company or organisation (QuickBooks Online, Xero): the API base URL (the vendor's
 * production URL unless the firm names one) and the firm's {@link BillingSettings}; the vendor's {@link BillingConnect}
 * says which account the grant reaches (QuickBooks names the company in the callback; Xero's organisation is found
 * through {@code /connections}), stored in the settings. The first poll, the backfill, starts at once.
 */
@Component
public class BillingConnectFlow extends PortConnectFlow<BillingConnect> {

    private final BillingConnections clients;
    private final BillingSyncService sync;

    public BillingConnectFlow(VendorRegistry vendors, BillingConnections clients, BillingSyncService sync) {
        super(vendors, BillingConnect.class, "The accounting system");
        this.clients = clients;
        this.sync = sync;
    }

    /** The vendor's production URL unless the firm names one. */
    @Override
    protected String baseUrl(BillingConnect port, String requested) {
        String baseUrl = requested == null ? port.defaultBaseUrl() : requested;
        try {
            clients.baseUrl(baseUrl, port.hosts(), port.insecureBaseUrlPrefixes());
        } catch (VendorUrlException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid base URL", e.getMessage() + ".");
        }
        return baseUrl;
    }

    @Override
    protected String settingsJson(BillingConnect port, JsonNode settings) {
        return ConnectFlow.settings(settings, BillingSettings::parse).toJson();
    }

    @Override
    public URI authorizeUrl(String vendor, ConnectionRecord c, String redirectUri, String state, String codeChallenge) {
        clients.evict(c.id());
        return port(vendor).authorizeUrl(clients.load(c.firmId(), c.id()), redirectUri, state, codeChallenge);
    }

    @Override
    public void checkCallback(String vendor, Map<String, String> params) {
        port(vendor).checkCallback(params);
    }

    @Override
    public Grant exchange(String vendor, ConnectionRecord c, String code, Map<String, String> params,
                          String redirectUri, String codeVerifier) {
        BillingConnect port = port(vendor);
        UUID firm = c.firmId();
        BillingConnections.Accounting a = clients.load(firm, c.id());
        BillingConnect.Authorized granted = port.authorize(a, code, redirectUri, params, codeVerifier);
        BillingSettings settings = port.withAccount(a.settings(), granted.account());
        return new Grant(granted.account(),
                () -> clients.saveTokens(firm, c.id(), granted.tokens(), granted.refreshTokenExpiresAt()),
                settings.toJson(), Map.of(port.accountField(), port.account(settings)), () -> {
                    clients.evict(c.id());
                    sync.requestPoll(vendor, firm, c.id());
                });
    }
}
