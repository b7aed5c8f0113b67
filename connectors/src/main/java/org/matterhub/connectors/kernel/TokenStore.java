package org.matterhub.connectors.kernel;

/**
 * Where one connection's tokens live. The store layer implements it and keeps them encrypted; a connector never
 * caches tokens anywhere the store does not know about.
 *
 * <p>A client calls {@link #save} with refreshed tokens <em>before</em> it sends any request with them, so a crash
 * after a refresh never loses the only copy (QuickBooks and Xero rotate the refresh token on every use: the old one
 * is spent). Implementations must be thread-safe and durable when {@code save} returns.
 *
 * @param <T> the vendor's token record
 */
public interface TokenStore<T extends OAuthTokens> {

    /** The connection's current tokens, or null when it has none (not yet authorized). */
    T load();

    /** Durably replaces the connection's tokens. */
    void save(T tokens);

    /** A store that holds tokens in memory only: for a probe with a grant that is not stored yet. */
    static <T extends OAuthTokens> TokenStore<T> inMemory(T initial) {
        return new TokenStore<>() {
            private volatile T tokens = initial;

            @Override
            public T load() {
                return tokens;
            }

            @Override
            public void save(T replacement) {
                tokens = replacement;
            }
        };
    }
}
