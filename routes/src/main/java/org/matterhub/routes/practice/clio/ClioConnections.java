package org.matterhub.routes.practice.clio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.kernel.ConnectorSettings;
import java.util.concurrent.ConcurrentHashMap;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioOAuthClient;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.RateLimitBuckets;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.TokenStore;
import org.matterhub.routes.engine.ConnectionClients;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * One {@link ClioClient} per connection, with its rate limiter (a bucket shared by every node), whose tokens live encrypted in the
 * connection row. A refreshed token is persisted (its own committed transaction) before the client uses it.
 */
@Component
public class ClioConnections extends ConnectionClients {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final ClioProperties properties;

    public ClioConnections(ClioProperties properties, ConnectionRepository connections, Tenancy tenancy,
                           RateLimitBuckets buckets, VendorUrls urls) {
        super(connections, tenancy, buckets, urls, Duration.ofSeconds(5));
        this.properties = properties;
    }

    /** The connection's Clio settings; its base URL is checked against Clio's hosts each time (a row may predate a rule). */
    public ClioProperties propertiesFor(ConnectionRecord connection) {
        URI base = urls().verify(connection.baseUrl(), ClioProperties.HOSTS);
        return ConnectorSettings.validated(new ClioProperties(base, properties.clientId(), properties.clientSecret(),
                properties.apiVersion(), properties.requestTimeout(), properties.pageSize(), properties.rateLimitPerMinute()));
    }

    public ClioOAuthClient oauth(ConnectionRecord connection) {
        return new ClioOAuthClient(propertiesFor(connection), http(), Clock.systemUTC());
    }

    public ClioClient client(UUID firmId, UUID connectionId) {
        return client(connectionId, id -> {
            ConnectionRecord c = tenancy().read(TenantScope.system(firmId), () -> connectionRows().find(id))
                    .orElseThrow(() -> new IllegalStateException("No connection " + id));
            return new ClioClient(propertiesFor(c), tokenStore(firmId, id), limiter(c), http(), Clock.systemUTC());
        });
    }

    public RateLimiter limiter(ConnectionRecord c) {
        return limiter(c.id(), id -> properties.newRateLimiter("clio:" + id, buckets()));
    }

    /** Forgets cached clients (after re-authorisation, so the new tokens are read). */
    public void evict(UUID connectionId) {
        evictClient(connectionId);
    }

    public TokenStore<OAuthTokenSet> tokenStore(UUID firmId, UUID connectionId) {
        return new TokenStore<>() {
            @Override
            public OAuthTokenSet load() {
                String json = tenancy().read(TenantScope.system(firmId), () -> connectionRows().loadTokens(connectionId))
                        .orElseThrow(() -> new IllegalStateException("Connection " + connectionId + " is not authorised"));
                return parse(json);
            }

            @Override
            public void save(OAuthTokenSet tokens) {
                tenancy().writeVoid(TenantScope.system(firmId),
                        () -> connectionRows().saveTokens(connectionId, serialise(tokens)));
            }
        };
    }

    public static String serialise(OAuthTokenSet t) {
        try {
            return JSON.writeValueAsString(Map.of("access_token", t.accessToken(),
                    "refresh_token", t.refreshToken() == null ? "" : t.refreshToken(),
                    "expires_at", t.expiresAt().toString()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not serialise tokens", e);
        }
    }

    static OAuthTokenSet parse(String json) {
        try {
            var node = JSON.readTree(json);
            String refresh = node.path("refresh_token").asText("");
            return new OAuthTokenSet(node.path("access_token").asText(), refresh.isEmpty() ? null : refresh,
                    Instant.parse(node.path("expires_at").asText()));
        } catch (Exception e) {
            throw new IllegalStateException("Stored tokens are unreadable", e);
        }
    }
}
