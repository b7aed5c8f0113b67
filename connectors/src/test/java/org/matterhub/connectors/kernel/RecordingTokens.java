package org.matterhub.connectors.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory token store that remembers every save and when it happened; a vendor's test store extends it and
 * implements the vendor's store interface with the inherited {@link #load} and {@link #save}.
 *
 * @param <T> the vendor's token record
 */
public class RecordingTokens<T extends OAuthTokens> {

    /** One save: the tokens and the instant they were saved. */
    public record Save(OAuthTokens tokens, Instant at) {
    }

    private T current;
    private final List<Save> saves = new ArrayList<>();

    protected RecordingTokens(T initial) {
        this.current = initial;
    }

    public synchronized T load() {
        return current;
    }

    public synchronized void save(T tokens) {
        saves.add(new Save(tokens, Instant.now()));
        current = tokens;
    }

    public synchronized List<Save> saves() {
        return List.copyOf(saves);
    }
}
