package org.matterhub.routes.billing;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.routes.engine.StoredTokens;
import org.matterhub.routes.engine.ConnectionClients;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A firm's accounting connections, whatever the vendor: the connection and its settings, webhook look-ups by account,
 * the cache of clients (each vendor's room builds its own, with the vendor's request budget shared by the sync, the
 * payment postings and the portal's PDF and pay-now calls), and the tokens, encrypted in the connection row, a rotated
 * refresh token persisted before use. The app's endpoints and credentials come from {@link BillingProperties}.
 */
@Component
public class BillingConnections extends ConnectionClients {

    private final BillingProperties properties;
    private final WorkQueue queue;
    private final ObjectProvider<VendorRegistry> vendors;
    /** Settings of connections a webhook looked up, so a delivery reads none; dropped by {@link #evict}. */
    private final Map<UUID, BillingSettings> settingsCache = new ConcurrentHashMap<>();

    public BillingConnections(BillingProperties properties, ConnectionRepository connections, Tenancy tenancy,
                              WorkQueue queue, ObjectProvider<VendorRegistry> vendors, RateLimitBuckets buckets,
                              VendorUrls urls) {
        super(connections, tenancy, buckets, urls, Duration.ofSeconds(10));
        this.properties = properties;
        this.vendors = vendors;
        this.queue = queue;
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
        ConnectionRepository connections = connectionRows();
        return tenancy().read(TenantScope.system(firmId), () -> {
            ConnectionRecord c = connections.find(connectionId)
                    .filter(x -> isBilling(x.vendor()))
                    .orElseThrow(() -> new IllegalStateException("No accounting connection " + connectionId));
            return new Accounting(c, BillingSettings.parse(connections.settings(connectionId).orElse("{}")));
        });
    }

    /** The hub's accounting app settings (endpoints, client credentials) under {@code matterhub.billing}. */
    public BillingProperties properties() {
        return properties;
    }

    /**
     * {@code url}, a connection's base URL, when the hub may call it: one of {@code hosts}, or, only where loopback
     * simulators are allowed (the demo, the tests), a URL on the same scheme, host and port as one of
     * {@code simulatorBases} (the QuickBooks devkit reaches its simulator under a name that never resolves).
     *
     * @throws org.matterhub.connectors.kernel.VendorUrlException when it may not
     */
    public java.net.URI baseUrl(String url, org.matterhub.connectors.kernel.VendorHosts hosts, List<String> simulatorBases) {
        if (urls().allowsLoopback() && url != null) {
            for (String base : simulatorBases) {
                try {
                    java.net.URI u = new java.net.URI(url.strip());
                    java.net.URI sim = java.net.URI.create(base);
                    if (u.getRawUserInfo() == null && u.getRawFragment() == null && u.getRawQuery() == null
                            && sim.getScheme().equalsIgnoreCase(u.getScheme()) && sim.getHost().equalsIgnoreCase(u.getHost())
                            && sim.getPort() == u.getPort()) {
                        return u;
                    }
                } catch (java.net.URISyntaxException ignored) {
                    // the guard below says why
                }
            }
        }
        return urls().verify(url, hosts);
    }

    /** Forgets cached clients and settings (after creation, re-authorisation or a settings change). */
    public void evict(UUID connectionId) {
        evictClient(connectionId);
        settingsCache.remove(connectionId);
    }

    /** {@code value}, or a clear failure naming {@code what} the connection lacks. */
    public static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Accounting connection is missing " + what);
        }
        return value;
    }
}
