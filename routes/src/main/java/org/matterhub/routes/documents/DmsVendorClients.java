package org.matterhub.routes.documents;

import java.util.UUID;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.routes.engine.StoredTokens;

/**
 * One DMS vendor's clients of a firm's connections: the vendor reads its connector settings {@code P} from the
 * connection; the client {@code C} is built once per connection, with the connection's stored tokens, and kept in
 * {@link DmsConnections} until the connection is evicted.
 *
 * @param <P> the vendor's connector settings
 * @param <C> the vendor's client
 */
public abstract class DmsVendorClients<P, C> {

    private final DmsConnections connections;
    private final Class<C> type;

    protected DmsVendorClients(DmsConnections connections, Class<C> type) {
        this.connections = connections;
        this.type = type;
    }

    /** The firm's DMS connections: the hub's settings, the shared HTTP client, request budgets. */
    protected final DmsConnections connections() {
        return connections;
    }

    /** The vendor's connector settings for {@code dms}, checked. */
    public abstract P properties(DmsConnections.Dms dms);

    /** A new client of the connection {@code connectionId}, with its settings and stored tokens. */
    protected abstract C build(UUID connectionId, P properties, StoredTokens<OAuthTokenSet> tokens);

    /** The connection's client, built on first use. */
    public final C client(UUID firmId, UUID connectionId) {
        return connections.client(connectionId, type, id -> build(id, properties(connections.load(firmId, id)),
                connections.tokens(firmId, id,
                        (access, refresh, expires, refreshExpires) -> new OAuthTokenSet(access, refresh, expires))));
    }

    /** Forgets the connection's cached client (after re-authorisation or a settings change). */
    public final void evict(UUID connectionId) {
        connections.evict(connectionId);
    }
}
