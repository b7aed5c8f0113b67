package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.TokenStore;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link TokenStore} that remembers every save and when it happened. */
final class RecordingNetDocumentsTokenStore extends RecordingTokens<NetDocumentsTokens> implements TokenStore<NetDocumentsTokens> {

    RecordingNetDocumentsTokenStore(NetDocumentsTokens initial) {
        super(initial);
    }
}
