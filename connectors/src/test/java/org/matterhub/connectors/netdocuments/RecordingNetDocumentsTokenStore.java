package org.matterhub.connectors.netdocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link NetDocumentsTokenStore} that remembers every save and when it happened. */
final class RecordingNetDocumentsTokenStore implements NetDocumentsTokenStore {

    record Save(NetDocumentsTokens tokens, Instant at) {
    }

    private NetDocumentsTokens current;
    private final List<Save> saves = new ArrayList<>();

    RecordingNetDocumentsTokenStore(NetDocumentsTokens initial) {
        this.current = initial;
    }

    @Override
    public synchronized NetDocumentsTokens load() {
        return current;
    }

    @Override
    public synchronized void save(NetDocumentsTokens tokens) {
        saves.add(new Save(tokens, Instant.now()));
        current = tokens;
    }

    synchronized List<Save> saves() {
        return List.copyOf(saves);
    }
}
