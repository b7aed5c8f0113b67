package org.matterhub.routes.billing.xero;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroTenant;
import org.matterhub.connectors.kernel.TokenStore;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.billing.BillingConnect;
import org.matterhub.routes.billing.BillingConnections;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Connecting a Xero organisation: Xero's OAuth 2.0, the organisation found through {@code /connections} (a grant that
 * reaches several organisations must name one in {@code settings.tenantId}).
 */
@Component
public class XeroConnect extends XeroAdapter implements BillingConnect {

    private final XeroClients clients;

    public XeroConnect(XeroClients clients) {
        this.clients = clients;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.xero.com/api.xro/2.0";
    }

    @Override
    public List<String> insecureBaseUrlPrefixes() {
        return List.of();
    }

    @Override
    public org.matterhub.connectors.kernel.VendorHosts hosts() {
        return org.matterhub.connectors.xero.XeroProperties.HOSTS;
    }

    @Override
    public URI authorizeUrl(BillingConnections.Accounting connection, String redirectUri, String state,
                            String codeChallenge) {
        return clients.oauth(connection).authorizeUrl(redirectUri, state, codeChallenge);
    }

    @Override
    public void checkCallback(Map<String, String> params) {
        // Xero's callback carries only the code and state.
    }

    @Override
    public Authorized authorize(BillingConnections.Accounting connection, String code, String redirectUri,
                                Map<String, String> params, String codeVerifier) {
        OAuthTokenSet tokens = clients.oauth(connection).exchangeCode(code, redirectUri, codeVerifier);
        return new Authorized(tokens, null, tenant(connection, tokens));
    }

    @Override
    public String accountField() {
        return "tenantId";
    }

    @Override
    public String account(BillingSettings settings) {
        return settings.tenantId();
    }

    @Override
    public BillingSettings withAccount(BillingSettings settings, String account) {
        return settings.withTenant(account);
    }

    /**
     * The organisation the grant reaches: the one the settings name, or the only one of {@code /connections}; then
     * confirmed by reading it ({@code GET /Organisation} with that tenant id), so a tenant the token cannot open fails
     * the connect instead of the first sync.
     */
    private String tenant(BillingConnections.Accounting a, OAuthTokenSet tokens) {
        TokenStore<OAuthTokenSet> store = TokenStore.inMemory(tokens);
        String tenant = chooseTenant(a, new XeroClient(clients.properties(a), new UUID(0, 0), store).connections());
        UUID id = UUID.fromString(tenant);
        if (!id.equals(new XeroClient(clients.properties(a), id, store).organisation().organisationId())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Organisation not granted",
                    "Xero answered for another organisation than " + tenant + ".");
        }
        return tenant;
    }

    private static String chooseTenant(BillingConnections.Accounting a, List<XeroTenant> connections) {
        List<XeroTenant> tenants = connections.stream()
                .filter(t -> t.tenantType() == null || "ORGANISATION".equalsIgnoreCase(t.tenantType())).toList();
        String wanted = a.settings().tenantId();
        if (wanted != null) {
            return tenants.stream().map(t -> t.tenantId().toString()).filter(wanted::equalsIgnoreCase).findFirst()
                    .orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "Organisation not granted",
                            "The Xero grant does not reach organisation " + wanted + "."));
        }
        if (tenants.size() != 1) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Choose an organisation", "The Xero grant reaches " + tenants.size()
                    + " organisations; name one in settings.tenantId and connect again.");
        }
        return tenants.get(0).tenantId().toString();
    }
}
