package org.matterhub.connectors.quickbooks;

/**
 * Where one realm connection's tokens live (the store layer, encrypted). Intuit rotates refresh tokens, so
 * {@link QboClient} calls {@link #save} with refreshed tokens <em>before</em> it sends any request with them:
 * a crash after a refresh never loses the only valid refresh token. Implementations must be thread-safe and
 * durable when {@code save} returns.
 */
public interface QboTokenStore {

    /** The connection's current tokens, or null when it has none (not yet authorized). */
    QboTokens load();

    /** Durably replaces the connection's tokens. */
    void save(QboTokens tokens);
}
