package org.matterhub.connectors.clio;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link ClioTokenStore} that remembers every save and when it happened. */
final class RecordingTokenStore extends RecordingTokens<ClioTokens> implements ClioTokenStore {

    RecordingTokenStore(ClioTokens initial) {
        super(initial);
    }
}
