package org.matterhub.routes.billing.xero;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroOAuthClient;
import org.matterhub.connectors.xero.XeroProperties;
import org.matterhub.connectors.xero.XeroThrottle;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.engine.StoredTokens;
import org.springframework.stereotype.Component;

/**
 * Xero clients of a firm's connections: one per organisation ({@code tenantId}), with the organisation's request
 * budget (60/min, 5 concurrent, 5,000/day; VENDORS.md §5.6), the minute and the day kept in the shared buckets.
 */
@Component
public class XeroClients {

    private final BillingConnections connections;

    public XeroClients(BillingConnections connections) {
        this.connections = connections;
    }

    /** The connector settings of {@code a}: the hub's Xero app with the connection's base URL and budget. */
    public XeroProperties properties(BillingConnections.Accounting a) {
        BillingProperties.Xero x = connections.properties().xero();
        URI base = connections.baseUrl(a.connection().baseUrl(), XeroProperties.HOSTS, java.util.List.of());
        return ConnectorSettings.validated(new XeroProperties(x.authorizeUrl(), x.tokenUrl(), x.connectionsUrl(), base,
                BillingConnections.require(x.clientId(), "matterhub.billing.xero.client-id"),
                BillingConnections.require(x.clientSecret(), "matterhub.billing.xero.client-secret"), x.webhookKey(),
                Duration.ofSeconds(10), x.requestTimeout(), Duration.ofSeconds(65),
                a.settings().requestsPerMinuteOr(XeroProperties.DEFAULT_PER_MINUTE), XeroProperties.DEFAULT_CONCURRENT,
                XeroProperties.DEFAULT_PER_DAY, 5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(45)));
    }

    /** Xero's OAuth client for {@code a}'s connect flow. */
    public XeroOAuthClient oauth(BillingConnections.Accounting a) {
        return new XeroOAuthClient(properties(a), connections.http(), Clock.systemUTC());
    }

    /** The connection's client, built once. */
    public XeroClient client(UUID firmId, UUID connectionId) {
        return connections.client(connectionId, id -> {
            BillingConnections.Accounting a = connections.load(firmId, id);
            UUID tenant = UUID.fromString(BillingConnections.require(a.settings().tenantId(),
                    "the Xero organisation (tenantId)"));
            StoredTokens<OAuthTokenSet> io = connections.tokens(firmId, id,
                    (access, refresh, expires, refreshExpires) -> new OAuthTokenSet(access, refresh, expires));
            XeroProperties props = properties(a);
            return new XeroClient(props, tenant, io, XeroThrottle.forTenant(props, tenant, connections.buckets()), connections.http(),
                    connections.buckets().time());
        });
    }
}
