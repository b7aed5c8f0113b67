package org.matterhub.routes.documents;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.engine.ConnectionClients;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * A firm's document-management connections as the vendors' client factories need them: the connection row and its
 * parsed {@link DmsSettings}, one cached client per connection, each with its own request budget
 * ({@link DmsSettings#requestsPerMinute()}), and the tokens, which live encrypted in the connection row (a refreshed
 * token is persisted before it is used). Each vendor builds its client in its own package
 * ({@code documents.imanage.ImanageClients}, {@code documents.netdocuments.NetDocumentsClients}).
 */
@Component
public class DmsConnections extends ConnectionClients {

    private final DmsProperties properties;

    public DmsConnections(DmsProperties properties, ConnectionRepository connections, Tenancy tenancy,
                          RateLimitBuckets buckets, VendorUrls urls) {
        super(connections, tenancy, buckets, urls, Duration.ofSeconds(5));
        this.properties = properties;
    }

    /** The connection and its parsed settings, read on the firm's side. */
    public record Dms(ConnectionRecord connection, DmsSettings settings) {
        public String vendor() {
            return connection.vendor();
        }
    }

    public Dms load(UUID firmId, UUID connectionId) {
        ConnectionRepository connections = connectionRows();
        return tenancy().read(TenantScope.system(firmId), () -> {
            ConnectionRecord c = connections.find(connectionId)
                    .orElseThrow(() -> new IllegalStateException("No connection " + connectionId));
            return new Dms(c, DmsSettings.parse(connections.settings(connectionId).orElse("{}")));
        });
    }

    /** The hub's OAuth applications with the DMS vendors. */
    public DmsProperties properties() {
        return properties;
    }

    /** The connection's client, built once by {@code build} and kept until {@link #evict}. */
    public <T> T client(UUID connectionId, Class<T> type, Function<UUID, T> build) {
        return type.cast(client(connectionId, build));
    }

    /** The connection's request budget (shared by every client of it, sync and outbox alike). */
    public RateLimiter limiter(UUID connectionId, int perMinute) {
        return limiter(connectionId, id -> RateLimiter.perMinute("dms:" + id, perMinute, buckets()));
    }

    /** Forgets cached clients (after re-authorisation or a settings change). */
    public void evict(UUID connectionId) {
        evictClient(connectionId);
        evictLimiter(connectionId);
    }

    /** Stores freshly obtained tokens for a connection. */
    public void saveTokens(UUID firmId, UUID connectionId, OAuthTokens tokens) {
        saveTokens(firmId, connectionId, tokens, tokens.refreshTokenExpiresAt());
    }

    /** {@code value}, which a DMS connection cannot do without. */
    public static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Document-system connection is missing " + what);
        }
        return value;
    }
}
