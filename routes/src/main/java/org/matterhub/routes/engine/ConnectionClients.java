package org.matterhub.routes.engine;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;

/**
 * A capability's connections as its vendors' client factories need them: one cached client and one request budget
 * per connection, the HTTP client they share, where vendor traffic may go ({@link VendorUrls}), and the tokens, which
 * live encrypted in the connection row.
 */
public abstract class ConnectionClients {

    private final ConnectionRepository connections;
    private final Tenancy tenancy;
    private final RateLimitBuckets buckets;
    private final VendorUrls urls;
    private final HttpClient http;
    private final Map<UUID, Object> clients = new ConcurrentHashMap<>();
    private final Map<UUID, RateLimiter> limiters = new ConcurrentHashMap<>();

    /** @param connectTimeout the connect timeout of the shared HTTP client */
    protected ConnectionClients(ConnectionRepository connections, Tenancy tenancy, RateLimitBuckets buckets,
                                VendorUrls urls, Duration connectTimeout) {
        this.connections = connections;
        this.tenancy = tenancy;
        this.buckets = buckets;
        this.urls = urls;
        this.http = urls.http(connectTimeout);
    }

    /** The connection rows. */
    protected final ConnectionRepository connectionRows() {
        return connections;
    }

    protected final Tenancy tenancy() {
        return tenancy;
    }

    /** Where the vendors' traffic may go: each vendor checks its URLs here before it builds a client. */
    public final VendorUrls urls() {
        return urls;
    }

    /** The HTTP client the capability's clients share. */
    public final HttpClient http() {
        return http;
    }

    /** Where the vendors' request budgets are kept (shared by every node). */
    public final RateLimitBuckets buckets() {
        return buckets;
    }

    /** The connection's client, built once by {@code build} and kept until it is evicted. */
    @SuppressWarnings("unchecked")
    public <C> C client(UUID connectionId, Function<UUID, C> build) {
        return (C) clients.computeIfAbsent(connectionId, build::apply);
    }

    /** The connection's request budget, made once by {@code make} (shared by every client of the connection). */
    protected final RateLimiter limiter(UUID connectionId, Function<UUID, RateLimiter> make) {
        return limiters.computeIfAbsent(connectionId, make);
    }

    /** Forgets the connection's cached client. */
    protected final void evictClient(UUID connectionId) {
        clients.remove(connectionId);
    }

    /** Forgets the connection's request budget (the next one is made from the settings as they are then). */
    protected final void evictLimiter(UUID connectionId) {
        limiters.remove(connectionId);
    }

    /** The connection's encrypted token row, read and written in the firm's scope. */
    public <T extends OAuthTokens> StoredTokens<T> tokens(UUID firmId, UUID connectionId, StoredTokens.Factory<T> factory) {
        return new StoredTokens<>(tenancy, connections, firmId, connectionId, factory);
    }

    /** Stores freshly obtained tokens for a connection; {@code refreshExpiresAt} null when the vendor does not say. */
    public void saveTokens(UUID firmId, UUID connectionId, OAuthTokens tokens, Instant refreshExpiresAt) {
        new StoredTokens<>(tenancy, connections, firmId, connectionId, (a, r, e, re) -> tokens)
                .save(tokens, refreshExpiresAt);
    }
}
