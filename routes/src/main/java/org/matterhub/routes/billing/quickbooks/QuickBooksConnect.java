package org.matterhub.routes.billing.quickbooks;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.quickbooks.QboTokens;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.billing.BillingConnect;
import org.matterhub.routes.billing.BillingConnections;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Connecting a QuickBooks Online company: Intuit's OAuth 2.0, the company named by the callback's {@code realmId}. */
@Component
public class QuickBooksConnect extends QuickBooksAdapter implements BillingConnect {

    private final QuickBooksClients clients;

    public QuickBooksConnect(QuickBooksClients clients) {
        this.clients = clients;
    }

    @Override
    public String defaultBaseUrl() {
        return "https://quickbooks.api.intuit.com/v3/company";
    }

    /** The QuickBooks simulator is reached through the devkit's proxy under a name that never resolves. */
    @Override
    public List<String> insecureBaseUrlPrefixes() {
        return List.of(QuickBooksClients.SIMULATOR_BASE);
    }

    @Override
    public org.matterhub.connectors.kernel.VendorHosts hosts() {
        return org.matterhub.connectors.quickbooks.QboProperties.HOSTS;
    }

    @Override
    public URI authorizeUrl(BillingConnections.Accounting connection, String redirectUri, String state,
                            String codeChallenge) {
        return clients.oauth(connection).authorizeUrl(redirectUri, state, codeChallenge);
    }

    @Override
    public void checkCallback(Map<String, String> params) {
        String realmId = params.get("realmId");
        if (realmId == null || !realmId.matches("[0-9]{1,32}")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "QuickBooks names the company in realmId.");
        }
    }

    @Override
    public Authorized authorize(BillingConnections.Accounting connection, String code, String redirectUri,
                                Map<String, String> params, String codeVerifier) {
        QboTokens tokens = clients.oauth(connection).exchangeCode(code, redirectUri, codeVerifier);
        String realm = params.get("realmId");
        return new Authorized(tokens, tokens.refreshTokenExpiresAt(), clients.companyOf(connection, tokens, realm));
    }

    @Override
    public String accountField() {
        return "realmId";
    }

    @Override
    public String account(BillingSettings settings) {
        return settings.realmId();
    }

    @Override
    public BillingSettings withAccount(BillingSettings settings, String account) {
        return settings.withRealm(account);
    }
}
