package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.RecordingTokens;

/** An in-memory {@link ImanageTokenStore} that remembers every save and when it happened. */
final class RecordingImanageTokenStore extends RecordingTokens<ImanageTokens> implements ImanageTokenStore {

    RecordingImanageTokenStore(ImanageTokens initial) {
        super(initial);
    }
}
