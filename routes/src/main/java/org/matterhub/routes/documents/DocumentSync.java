package org.matterhub.routes.documents;

import java.util.UUID;
import org.matterhub.routes.vendor.ConnectionSync;
import org.matterhub.routes.vendor.VendorErrors;

/**
 * A document-management system's inbound sync, run by {@link DmsSyncService} for each of its active connections:
 * a poll (backfill until complete, then incremental: the vendor decides how it reads changes), and a reconciliation
 * that finds deletions no change feed announced. Cursors are saved in each page's transaction, so a failed run
 * resumes where it stopped; {@link #resetCursors} starts a backfill again.
 */
public interface DocumentSync extends ConnectionSync, VendorErrors {

    /** One pass from the saved cursors to the end. Returns how many documents (or versions) were applied. */
    long poll(UUID firmId, UUID connectionId);

    /** Whether the connection's first complete read has finished (reconciliation waits for it). */
    boolean backfillComplete(UUID firmId, UUID connectionId);

    /** Reads everything again and deletes the profiles no longer found. Returns how many were. */
    int reconcile(UUID firmId, UUID connectionId);
}
