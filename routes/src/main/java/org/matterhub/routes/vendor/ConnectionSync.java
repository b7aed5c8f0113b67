package org.matterhub.routes.vendor;

import java.util.UUID;

/**
 * The port every vendor implements for the ops levers: a backfill drops the connection's cursors so that its next
 * scheduled poll (one node of the cluster, never two at once) reads everything again, which is idempotent.
 */
public interface ConnectionSync extends VendorAdapter {

    /** Drops the connection's backfill and incremental cursors; waits for a poll of the connection that is running. */
    void resetCursors(UUID firmId, UUID connectionId);
}
