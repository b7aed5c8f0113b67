package org.matterhub.routes.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.TokenStore;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * One connection's OAuth tokens, kept as encrypted JSON in its row ({@link ConnectionRepository#saveTokens}). Each
 * save commits before it returns, so a connector that saves a rotated refresh token before using it never loses the
 * only valid one to a crash.
 *
 * @param <T> the vendor's token record
 */
public final class StoredTokens<T extends OAuthTokens> implements TokenStore<T> {

    /** Builds the vendor's token record; {@code refreshExpiresAt} is null when the vendor does not say. */
    @FunctionalInterface
    public interface Factory<T> {
        T create(String accessToken, String refreshToken, Instant expiresAt, Instant refreshExpiresAt);
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final UUID firmId;
    private final UUID connectionId;
    private final Factory<T> factory;

    public StoredTokens(Tenancy tenancy, ConnectionRepository connections, UUID firmId, UUID connectionId, Factory<T> factory) {
        this.tenancy = tenancy;
        this.connections = connections;
        this.firmId = firmId;
        this.connectionId = connectionId;
        this.factory = factory;
    }

    /** The stored tokens, or null when the connection has none. */
    public T load() {
        return tenancy.read(TenantScope.system(firmId), () -> connections.loadTokens(connectionId)).map(json -> {
            try {
                JsonNode node = JSON.readTree(json);
                String refresh = node.path("refresh_token").asText("");
                String refreshExpires = node.path("refresh_expires_at").asText("");
                return factory.create(node.path("access_token").asText(), refresh.isEmpty() ? null : refresh,
                        Instant.parse(node.path("expires_at").asText()),
                        refreshExpires.isEmpty() ? null : Instant.parse(refreshExpires));
            } catch (Exception e) {
                throw new IllegalStateException("Stored tokens of connection " + connectionId + " are unreadable", e);
            }
        }).orElse(null);
    }

    /** Durably replaces the connection's tokens, with the refresh token's expiry when the vendor gives one. */
    @Override
    public void save(T t) {
        save(t, t.refreshTokenExpiresAt());
    }

    /** Durably replaces the connection's tokens, with the refresh token's expiry when the vendor gives one. */
    public void save(OAuthTokens t, Instant refreshExpiresAt) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("access_token", t.accessToken());
        m.put("refresh_token", t.refreshToken() == null ? "" : t.refreshToken());
        m.put("expires_at", t.expiresAt().toString());
        if (refreshExpiresAt != null) {
            m.put("refresh_expires_at", refreshExpiresAt.toString());
        }
        String json;
        try {
            json = JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException("Could not serialise tokens", e);
        }
        tenancy.writeVoid(TenantScope.system(firmId), () -> connections.saveTokens(connectionId, json));
    }
}
