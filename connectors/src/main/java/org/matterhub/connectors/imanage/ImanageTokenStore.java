package org.matterhub.connectors.imanage;

/**
 * Where one connection's iManage tokens live (the store layer, encrypted). {@link ImanageClient} calls
 * {@link #save} with refreshed tokens <em>before</em> it sends any request with them, so a crash after a
 * refresh never loses the only copy. Implementations must be thread-safe and durable when {@code save}
 * returns.
 */
public interface ImanageTokenStore {

    /** The connection's current tokens, or null when it has none (not yet authorized). */
    ImanageTokens load();

    /** Durably replaces the connection's tokens. */
    void save(ImanageTokens tokens);
}
