package org.matterhub.connectors.xero;

/**
 * Where one Xero grant's tokens live (the store layer, encrypted). Xero rotates the refresh token on every use, so
 * {@link XeroClient} calls {@link #save} with refreshed tokens <em>before</em> it sends any request with them: a crash
 * after a refresh never leaves only a spent refresh token behind. Implementations must be thread-safe and durable
 * when {@code save} returns.
 */
public interface XeroTokenStore {

    /** The grant's current tokens, or null when it has none (not yet authorized). */
    XeroTokens load();

    /** Durably replaces the grant's tokens. */
    void save(XeroTokens tokens);
}
