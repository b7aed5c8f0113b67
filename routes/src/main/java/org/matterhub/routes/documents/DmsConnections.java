package org.matterhub.routes.documents;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.matterhub.connectors.imanage.ImanageClient;
import org.matterhub.connectors.imanage.ImanageOAuthClient;
import org.matterhub.connectors.imanage.ImanageProperties;
import org.matterhub.connectors.imanage.ImanageTokenStore;
import org.matterhub.connectors.imanage.ImanageTokens;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.netdocuments.NetDocumentsClient;
import org.matterhub.connectors.netdocuments.NetDocumentsOAuthClient;
import org.matterhub.connectors.netdocuments.NetDocumentsProperties;
import org.matterhub.connectors.netdocuments.NetDocumentsTokenStore;
import org.matterhub.connectors.netdocuments.NetDocumentsTokens;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.engine.StoredTokens;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * Clients of a firm's document-management connections: one {@link ImanageClient} or {@link NetDocumentsClient} per
 * connection, each with its own request budget ({@link DmsSettings#requestsPerMinute()}, by default iManage 300/min
 * — iManage publishes no limit — and NetDocuments 100 per 60 s as its connector documentation names). Tokens live
 * encrypted in the connection row; a refreshed token is persisted before it is used.
 */
@Component
public class DmsConnections {

    private final DmsProperties properties;
    private final ConnectionRepository connections;
    private final Tenancy tenancy;
    private final HttpClient http;
    private final Map<UUID, Object> clients = new ConcurrentHashMap<>();
    private final Map<UUID, RateLimiter> limiters = new ConcurrentHashMap<>();

    public DmsConnections(DmsProperties properties, ConnectionRepository connections, Tenancy tenancy) {
        this.properties = properties;
        this.connections = connections;
        this.tenancy = tenancy;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The connection and its parsed settings, read on the firm's side. */
    public record Dms(ConnectionRecord connection, DmsSettings settings) {
        public String vendor() {
            return connection.vendor();
        }
    }

    public Dms load(UUID firmId, UUID connectionId) {
        return tenancy.read(TenantScope.system(firmId), () -> {
            ConnectionRecord c = connections.find(connectionId)
                    .orElseThrow(() -> new IllegalStateException("No connection " + connectionId));
            return new Dms(c, DmsSettings.parse(connections.settings(connectionId).orElse("{}")));
        });
    }

    public ImanageProperties imanageProperties(Dms dms) {
        DmsSettings s = dms.settings();
        return new ImanageProperties(URI.create(dms.connection().baseUrl()), s.customerId(),
                s.library() == null ? "ACTIVE_US" : s.library(), require(properties.imanageClientId(), "imanage-client-id"),
                require(properties.imanageClientSecret(), "imanage-client-secret"), Duration.ofSeconds(30),
                ImanageProperties.DEFAULT_CRAWL_PAGE_SIZE, 500,
                s.requestsPerMinuteOr(ImanageProperties.DEFAULT_RATE_LIMIT_PER_MINUTE));
    }

    public NetDocumentsProperties netDocumentsProperties(Dms dms) {
        DmsSettings s = dms.settings();
        URI base = URI.create(dms.connection().baseUrl());
        URI api = s.apiBaseUrl() == null ? base : URI.create(s.apiBaseUrl());
        return new NetDocumentsProperties(base, api, require(s.repositoryId(), "repositoryId setting"),
                require(s.cabinetId(), "cabinetId setting"), require(properties.netdocumentsClientId(), "netdocuments-client-id"),
                require(properties.netdocumentsClientSecret(), "netdocuments-client-secret"), null, Duration.ofSeconds(30),
                NetDocumentsProperties.MAX_PAGE_SIZE, s.requestsPerMinuteOr(NetDocumentsProperties.DEFAULT_RATE_LIMIT_PER_MINUTE));
    }

    public ImanageOAuthClient imanageOAuth(Dms dms) {
        return new ImanageOAuthClient(imanageProperties(dms), http);
    }

    public NetDocumentsOAuthClient netDocumentsOAuth(Dms dms) {
        return new NetDocumentsOAuthClient(netDocumentsProperties(dms), http);
    }

    public ImanageClient imanage(UUID firmId, UUID connectionId) {
        return (ImanageClient) clients.computeIfAbsent(connectionId, id -> {
            Dms dms = load(firmId, id);
            ImanageProperties p = imanageProperties(dms);
            StoredTokens<ImanageTokens> io = new StoredTokens<>(tenancy, connections, firmId, id,
                    (access, refresh, expires, refreshExpires) -> new ImanageTokens(access, refresh, expires));
            return new ImanageClient(p, new ImanageTokenStore() {
                @Override
                public ImanageTokens load() {
                    return io.load();
                }

                @Override
                public void save(ImanageTokens tokens) {
                    io.save(tokens);
                }
            }, limiter(id, p.rateLimitPerMinute()), http);
        });
    }

    public NetDocumentsClient netDocuments(UUID firmId, UUID connectionId) {
        return (NetDocumentsClient) clients.computeIfAbsent(connectionId, id -> {
            Dms dms = load(firmId, id);
            NetDocumentsProperties p = netDocumentsProperties(dms);
            StoredTokens<NetDocumentsTokens> io = new StoredTokens<>(tenancy, connections, firmId, id,
                    (access, refresh, expires, refreshExpires) -> new NetDocumentsTokens(access, refresh, expires));
            return new NetDocumentsClient(p, new NetDocumentsTokenStore() {
                @Override
                public NetDocumentsTokens load() {
                    return io.load();
                }

                @Override
                public void save(NetDocumentsTokens tokens) {
                    io.save(tokens);
                }
            }, limiter(id, p.rateLimitPerMinute()), http);
        });
    }

    /** The connection's request budget (shared by every client of it, sync and outbox alike). */
    public RateLimiter limiter(UUID connectionId, int perMinute) {
        return limiters.computeIfAbsent(connectionId, id -> RateLimiter.perMinute("dms:" + id, perMinute));
    }

    /** Forgets cached clients (after re-authorisation or a settings change). */
    public void evict(UUID connectionId) {
        clients.remove(connectionId);
        limiters.remove(connectionId);
    }

    /** Stores freshly obtained tokens for a connection. */
    public void saveTokens(UUID firmId, UUID connectionId, OAuthTokens tokens) {
        new StoredTokens<>(tenancy, connections, firmId, connectionId, (a, r, e, re) -> tokens).save(tokens);
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Document-system connection is missing " + what);
        }
        return value;
    }
}
