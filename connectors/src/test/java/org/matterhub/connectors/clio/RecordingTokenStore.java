package org.matterhub.connectors.clio;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link TokenStore} that remembers every save and when it happened. */
final class RecordingTokenStore extends RecordingTokens<OAuthTokenSet> implements TokenStore<OAuthTokenSet> {

    RecordingTokenStore(OAuthTokenSet initial) {
        super(initial);
    }
}
