package org.matterhub.connectors.clio;

/**
 * Where one connection's tokens live. The store layer implements it and keeps them encrypted; the
 * connector never caches tokens anywhere the store does not know about.
 *
 * <p>{@link ClioClient} calls {@link #save} with refreshed tokens <em>before</em> it sends any request
 * with them, so a crash after the refresh never loses the only copy. Implementations must be
 * thread-safe and durable when {@code save} returns.
 */
public interface ClioTokenStore {

    /** The connection's current tokens; never null (a connection without tokens is not active). */
    ClioTokens load();

    /** Durably replaces the connection's tokens. */
    void save(ClioTokens tokens);
}
