package org.matterhub.connectors.imanage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link ImanageTokenStore} that remembers every save and when it happened. */
final class RecordingImanageTokenStore implements ImanageTokenStore {

    record Save(ImanageTokens tokens, Instant at) {
    }

    private ImanageTokens current;
    private final List<Save> saves = new ArrayList<>();

    RecordingImanageTokenStore(ImanageTokens initial) {
        this.current = initial;
    }

    @Override
    public synchronized ImanageTokens load() {
        return current;
    }

    @Override
    public synchronized void save(ImanageTokens tokens) {
        saves.add(new Save(tokens, Instant.now()));
        current = tokens;
    }

    synchronized List<Save> saves() {
        return List.copyOf(saves);
    }
}
