package org.matterhub.routes.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.quickbooks.QboClient;
import org.matterhub.connectors.quickbooks.QboOAuthClient;
import org.matterhub.connectors.quickbooks.QboProperties;
import org.matterhub.connectors.quickbooks.QboTokenStore;
import org.matterhub.connectors.quickbooks.QboTokens;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroOAuthClient;
import org.matterhub.connectors.xero.XeroProperties;
import org.matterhub.connectors.xero.XeroTokenStore;
import org.matterhub.connectors.xero.XeroTokens;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.routes.engine.StoredTokens;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Clients of a firm's accounting connections: one QuickBooks client per company ({@code realmId}) and one Xero client
 * per organisation ({@code tenantId}), each with the vendor's request budget (QuickBooks 500/min and 10 concurrent per
 * company, Xero 60/min, 5 concurrent and 5,000/day per organisation; VENDORS.md §4.6, §5.6) shared by the sync, the
 * payment postings and the portal's PDF and pay-now calls. The app's endpoints and credentials come from
 * {@link BillingProperties}; tokens live encrypted in the connection row, a rotated refresh token persisted before use.
 */
@Component
public class BillingConnections {

    private final BillingProperties properties;
    private final ConnectionRepository connections;
    private final Tenancy tenancy;
    private final WorkQueue queue;
    private final ObjectProvider<VendorRegistry> vendors;
    private final Map<UUID, Object> clients = new ConcurrentHashMap<>();
    /** Settings of connections a webhook looked up, so a delivery reads none; dropped by {@link #evict}. */
    private final Map<UUID, BillingSettings> settingsCache = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public BillingConnections(BillingProperties properties, ConnectionRepository connections, Tenancy tenancy,
                              WorkQueue queue, ObjectProvider<VendorRegistry> vendors) {
        this.properties = properties;
        this.vendors = vendors;
        this.queue = queue;
        this.connections = connections;
        this.tenancy = tenancy;
    }

    /** A connection and its parsed settings. */
    public record Accounting(ConnectionRecord connection, BillingSettings settings) {
        public String vendor() {
            return connection.vendor();
        }

        public UUID id() {
            return connection.id();
        }
    }

    /** A connection, named across firms (webhooks arrive for the app, not for a firm). */
    public record Handle(UUID firmId, UUID connectionId) {
    }

    /**
     * The active connection of {@code vendor} holding {@code account} (a QuickBooks company, a Xero organisation), as
     * {@code accountOf} reads it from a connection's settings. One query lists the vendor's connections; their settings
     * are cached until the connection is created, re-authorised or its settings change ({@link #evict}). A miss reads
     * the settings again once, so a connection authorised on another node is found too.
     */
    public java.util.Optional<Handle> byAccount(String vendor, Function<BillingSettings, String> accountOf, String account) {
        List<WorkQueue.ConnectionHandle> active = queue.connections(vendor).stream()
                .filter(c -> "active".equals(c.status())).toList();
        java.util.Optional<Handle> cached = holding(active, accountOf, account);
        if (cached.isPresent()) {
            return cached;
        }
        active.forEach(c -> settingsCache.remove(c.connectionId()));
        return holding(active, accountOf, account);
    }

    private java.util.Optional<Handle> holding(List<WorkQueue.ConnectionHandle> active,
                                               Function<BillingSettings, String> accountOf, String account) {
        for (WorkQueue.ConnectionHandle c : active) {
            BillingSettings s = settingsCache.computeIfAbsent(c.connectionId(), id -> load(c.firmId(), id).settings());
            String held = accountOf.apply(s);
            if (account.equalsIgnoreCase(held == null ? "" : held)) {
                return java.util.Optional.of(new Handle(c.firmId(), c.connectionId()));
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code vendor} is an accounting system (it has a billing adapter). */
    public boolean isBilling(String vendor) {
        return vendors.getObject().supports(vendor, BillingSync.class);
    }

    public Accounting load(UUID firmId, UUID connectionId) {
        return tenancy.read(TenantScope.system(firmId), () -> {
            ConnectionRecord c = connections.find(connectionId)
                    .filter(x -> isBilling(x.vendor()))
                    .orElseThrow(() -> new IllegalStateException("No accounting connection " + connectionId));
            return new Accounting(c, BillingSettings.parse(connections.settings(connectionId).orElse("{}")));
        });
    }

    public QboProperties quickbooksProperties(Accounting a) {
        BillingProperties.QuickBooks q = properties.quickbooks();
        return new QboProperties(URI.create(a.connection().baseUrl()), q.proxyHost(), q.proxyPort(), q.tokenUrl(),
                q.authorizeUrl(), require(q.clientId(), "matterhub.billing.quickbooks.client-id"),
                require(q.clientSecret(), "matterhub.billing.quickbooks.client-secret"), QboProperties.MINOR_VERSION,
                Duration.ofSeconds(10), q.requestTimeout(), a.settings().requestsPerMinuteOr(500), 10, 5,
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public XeroProperties xeroProperties(Accounting a) {
        BillingProperties.Xero x = properties.xero();
        return new XeroProperties(x.authorizeUrl(), x.tokenUrl(), x.connectionsUrl(), URI.create(a.connection().baseUrl()),
                require(x.clientId(), "matterhub.billing.xero.client-id"),
                require(x.clientSecret(), "matterhub.billing.xero.client-secret"), x.webhookKey(), Duration.ofSeconds(10),
                x.requestTimeout(), Duration.ofSeconds(65), a.settings().requestsPerMinuteOr(XeroProperties.DEFAULT_PER_MINUTE),
                XeroProperties.DEFAULT_CONCURRENT, XeroProperties.DEFAULT_PER_DAY, 5, Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofSeconds(45));
    }

    public QboOAuthClient quickbooksOAuth(Accounting a) {
        return new QboOAuthClient(quickbooksProperties(a), http);
    }

    public XeroOAuthClient xeroOAuth(Accounting a) {
        return new XeroOAuthClient(xeroProperties(a), http);
    }

    public QboClient quickbooks(UUID firmId, UUID connectionId) {
        return (QboClient) clients.computeIfAbsent(connectionId, id -> {
            Accounting a = load(firmId, id);
            String realm = require(a.settings().realmId(), "the QuickBooks company (realmId)");
            StoredTokens<QboTokens> io = new StoredTokens<>(tenancy, connections, firmId, id, QboTokens::new);
            QboProperties props = quickbooksProperties(a);
            return new QboClient(props, realm, new QboTokenStore() {
                @Override
                public QboTokens load() {
                    return io.load();
                }

                @Override
                public void save(QboTokens tokens) {
                    io.save(tokens, tokens.refreshTokenExpiresAt());
                }
            }, RateLimiter.perMinute("quickbooks:" + realm, props.requestsPerMinute()));
        });
    }

    public XeroClient xero(UUID firmId, UUID connectionId) {
        return (XeroClient) clients.computeIfAbsent(connectionId, id -> {
            Accounting a = load(firmId, id);
            UUID tenant = UUID.fromString(require(a.settings().tenantId(), "the Xero organisation (tenantId)"));
            StoredTokens<XeroTokens> io = new StoredTokens<>(tenancy, connections, firmId, id,
                    (access, refresh, expires, refreshExpires) -> new XeroTokens(access, refresh, expires));
            return new XeroClient(xeroProperties(a), tenant, new XeroTokenStore() {
                @Override
                public XeroTokens load() {
                    return io.load();
                }

                @Override
                public void save(XeroTokens tokens) {
                    io.save(tokens);
                }
            });
        });
    }

    /** Stores freshly obtained tokens for a connection; {@code refreshExpiresAt} null when the vendor does not say. */
    public void saveTokens(UUID firmId, UUID connectionId, OAuthTokens tokens, Instant refreshExpiresAt) {
        new StoredTokens<>(tenancy, connections, firmId, connectionId, (a, r, e, re) -> tokens)
                .save(tokens, refreshExpiresAt);
    }

    /** Forgets cached clients and settings (after creation, re-authorisation or a settings change). */
    public void evict(UUID connectionId) {
        clients.remove(connectionId);
        settingsCache.remove(connectionId);
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Accounting connection is missing " + what);
        }
        return value;
    }
}
