package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link TokenStore} that remembers every save and when it happened. */
final class RecordingImanageTokenStore extends RecordingTokens<OAuthTokenSet> implements TokenStore<OAuthTokenSet> {

    RecordingImanageTokenStore(OAuthTokenSet initial) {
        super(initial);
    }
}
