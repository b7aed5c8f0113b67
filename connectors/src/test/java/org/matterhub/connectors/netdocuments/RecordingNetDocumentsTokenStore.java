package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link TokenStore} that remembers every save and when it happened. */
final class RecordingNetDocumentsTokenStore extends RecordingTokens<OAuthTokenSet> implements TokenStore<OAuthTokenSet> {

    RecordingNetDocumentsTokenStore(OAuthTokenSet initial) {
        super(initial);
    }
}
