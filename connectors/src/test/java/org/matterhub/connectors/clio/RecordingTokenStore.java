package org.matterhub.connectors.clio;

import org.matterhub.connectors.kernel.TokenStore;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link TokenStore} that remembers every save and when it happened. */
final class RecordingTokenStore extends RecordingTokens<ClioTokens> implements TokenStore<ClioTokens> {

    RecordingTokenStore(ClioTokens initial) {
        super(initial);
    }
}
