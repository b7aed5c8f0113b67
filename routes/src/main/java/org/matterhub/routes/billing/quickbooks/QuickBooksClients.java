package org.matterhub.routes.billing.quickbooks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.quickbooks.QboClient;
import org.matterhub.connectors.quickbooks.QboOAuthClient;
import org.matterhub.connectors.quickbooks.QboProperties;
import org.matterhub.connectors.kernel.TokenStore;
import org.matterhub.connectors.quickbooks.QboTokens;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.engine.StoredTokens;
import org.springframework.stereotype.Component;

/**
 * QuickBooks Online clients of a firm's connections: one per company ({@code realmId}), with the company's request
 * budget (500/min and 10 concurrent; VENDORS.md §4.6) kept under {@code quickbooks:<realm>} in the shared buckets.
 */
@Component
public class QuickBooksClients {

    private final BillingConnections connections;

    public QuickBooksClients(BillingConnections connections) {
        this.connections = connections;
    }

    /** Where the devkit reaches the QuickBooks simulator (through its proxy; only where simulators are allowed). */
    static final String SIMULATOR_BASE = "http://quickbooks.simulator.invalid";

    /**
     * The connector settings of {@code a}: the hub's QuickBooks app with the connection's base URL (checked against
     * Intuit's hosts every time) and budget.
     */
    public QboProperties properties(BillingConnections.Accounting a) {
        BillingProperties.QuickBooks q = connections.properties().quickbooks();
        URI base = connections.baseUrl(a.connection().baseUrl(), QboProperties.HOSTS, java.util.List.of(SIMULATOR_BASE));
        return ConnectorSettings.validated(new QboProperties(base, q.proxyHost(), q.proxyPort(), q.tokenUrl(),
                q.authorizeUrl(), BillingConnections.require(q.clientId(), "matterhub.billing.quickbooks.client-id"),
                BillingConnections.require(q.clientSecret(), "matterhub.billing.quickbooks.client-secret"),
                QboProperties.MINOR_VERSION, Duration.ofSeconds(10), q.requestTimeout(),
                a.settings().requestsPerMinuteOr(500), 10, 5, Duration.ofMillis(500), Duration.ofSeconds(30)));
    }

    /** Intuit's OAuth client for {@code a}'s connect flow. */
    public QboOAuthClient oauth(BillingConnections.Accounting a) {
        return new QboOAuthClient(properties(a), connections.http(), Clock.systemUTC());
    }

    /**
     * The QuickBooks company fresh {@code tokens} reach, asked of Intuit ({@code companyinfo}) for the {@code realmId}
     * the callback claims: a token of another company is refused by Intuit, whatever the redirect said.
     */
    public String companyOf(BillingConnections.Accounting a, QboTokens tokens, String realmId) {
        QboProperties props = properties(a);
        QboClient probe = new QboClient(props, realmId, TokenStore.inMemory(tokens),
                props.newRateLimiter("quickbooks:" + realmId, connections.buckets()));
        String company = probe.companyId();
        return realmId.equals(company) ? company : null;
    }

    /** The connection's client, built once. */
    public QboClient client(UUID firmId, UUID connectionId) {
        return connections.client(connectionId, id -> {
            BillingConnections.Accounting a = connections.load(firmId, id);
            String realm = BillingConnections.require(a.settings().realmId(), "the QuickBooks company (realmId)");
            StoredTokens<QboTokens> io = connections.tokens(firmId, id, QboTokens::new);
            QboProperties props = properties(a);
            return new QboClient(props, realm, io, props.newRateLimiter("quickbooks:" + realm, connections.buckets()));
        });
    }
}
