package org.matterhub.connectors.netdocuments;

/**
 * Where one connection's NetDocuments tokens live (the store layer, encrypted). {@link NetDocumentsClient} calls
 * {@link #save} with refreshed tokens <em>before</em> it sends any request with them, so a crash after a
 * refresh never loses the only copy. Implementations must be thread-safe and durable when {@code save}
 * returns.
 */
public interface NetDocumentsTokenStore {

    /** The connection's current tokens, or null when it has none (not yet authorized). */
    NetDocumentsTokens load();

    /** Durably replaces the connection's tokens. */
    void save(NetDocumentsTokens tokens);
}
