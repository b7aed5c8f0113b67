package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link NetDocumentsTokenStore} that remembers every save and when it happened. */
final class RecordingNetDocumentsTokenStore extends RecordingTokens<NetDocumentsTokens> implements NetDocumentsTokenStore {

    RecordingNetDocumentsTokenStore(NetDocumentsTokens initial) {
        super(initial);
    }
}
