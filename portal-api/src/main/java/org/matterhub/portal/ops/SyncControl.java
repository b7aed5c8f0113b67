package org.matterhub.portal.ops;

import java.util.UUID;

/** What ops may ask of the sync engine. Implemented by the routes; the API only calls it. */
public interface SyncControl {

    void pause(UUID firmId, UUID connectionId);

    void resume(UUID firmId, UUID connectionId);

    /** Starts a full backfill of the connection (separate from the incremental path). */
    void backfill(UUID firmId, UUID connectionId);

    /** Puts a dead letter's work back in its queue. */
    void replay(UUID firmId, long deadLetterId);
}
