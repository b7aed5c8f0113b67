package org.matterhub.connectors.clio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link ClioTokenStore} that remembers every save and when it happened. */
final class RecordingTokenStore implements ClioTokenStore {

    record Save(ClioTokens tokens, Instant at) {
    }

    private ClioTokens current;
    private final List<Save> saves = new ArrayList<>();

    RecordingTokenStore(ClioTokens initial) {
        this.current = initial;
    }

    @Override
    public synchronized ClioTokens load() {
        return current;
    }

    @Override
    public synchronized void save(ClioTokens tokens) {
        saves.add(new Save(tokens, Instant.now()));
        current = tokens;
    }

    synchronized List<Save> saves() {
        return List.copyOf(saves);
    }
}
