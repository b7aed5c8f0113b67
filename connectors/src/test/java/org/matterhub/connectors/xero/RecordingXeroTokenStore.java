package org.matterhub.connectors.xero;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * An in-memory {@link TokenStore} that remembers every save and, at the moment of each save, how many requests
 * the vendor had already received with the access token being saved (0 proves "saved before use").
 */
final class RecordingXeroTokenStore implements TokenStore<OAuthTokenSet> {

    record Save(OAuthTokenSet tokens, int requestsAlreadySentWithIt) {
    }

    private final ToIntFunction<String> requestsWithToken;
    private OAuthTokenSet current;
    private final List<Save> saves = new ArrayList<>();

    RecordingXeroTokenStore(OAuthTokenSet initial, ToIntFunction<String> requestsWithToken) {
        this.current = initial;
        this.requestsWithToken = requestsWithToken;
    }

    @Override
    public synchronized OAuthTokenSet load() {
        return current;
    }

    @Override
    public synchronized void save(OAuthTokenSet tokens) {
        saves.add(new Save(tokens, requestsWithToken.applyAsInt(tokens.accessToken())));
        current = tokens;
    }

    synchronized List<Save> saves() {
        return List.copyOf(saves);
    }
}
