package org.matterhub.store.sync;

import java.util.Map;
import java.util.UUID;

/**
 * Where a sync path stands, for one connection, entity and sub-resource. {@code position} holds the vendor's
 * cursor shape (e.g. Clio: {@code updated_since}, {@code next_page_url}).
 */
public record SyncCursor(UUID connectionId, String entity, String subResource, SyncMode mode,
                         Map<String, String> position, long pages, long records) {

    public enum SyncMode { BACKFILL, INCREMENTAL }

    public String get(String key) {
        return position.get(key);
    }
}
