package org.matterhub.routes.documents;

import java.util.UUID;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.routes.engine.ConnectionPollLocks;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.sync.WorkQueue;
import org.springframework.stereotype.Component;

/**
 * What the DMS routes call on schedule: for every active connection of every document-management vendor (each a
 * {@link DocumentSync} in the {@link VendorRegistry}), poll (backfill until complete, then incremental) or reconcile.
 * Failures are classified per vendor and per connection: retriable ones are retried with the background budget
 * off the scheduler's thread (the cursor did not move, so a retry resumes where this one stopped); a revoked grant marks
 * the connection for re-authorisation; anything else becomes a dead letter ops can see and replay. One poll or
 * reconciliation of a connection runs at a time in this process ({@link ConnectionPollLocks}): an ops poll on the
 * caller's thread and the scheduler's never read the same cursor together, and the scheduler skips a busy connection.
 */
@Component
public class DmsSyncService {

    private final WorkQueue queue;
    private final VendorRegistry vendors;
    private final BackgroundWork background;
    private final ConnectionPollLocks locks;

    public DmsSyncService(WorkQueue queue, VendorRegistry vendors, BackgroundWork background, ConnectionPollLocks locks) {
        this.locks = locks;
        this.queue = queue;
        this.vendors = vendors;
        this.background = background;
    }

    public void pollAll() {
        for (DocumentSync sync : vendors.all(DocumentSync.class)) {
            forEachActive(sync, "poll", sync::poll);
        }
    }

    public void reconcileAll() {
        for (DocumentSync sync : vendors.all(DocumentSync.class)) {
            forEachActive(sync, "reconcile", (f, c) -> {
                if (sync.backfillComplete(f, c)) {
                    sync.reconcile(f, c);
                }
            });
        }
    }

    /** One connection's poll now (ops, the demo), with the background retry budget. */
    public boolean poll(String vendor, UUID firmId, UUID connectionId) {
        DocumentSync sync = vendors.adapter(vendor, DocumentSync.class);
        return runWithRetries(sync, "poll", firmId, connectionId, sync::poll, false);
    }

    /** With the background budget: waits for the outcome, or (scheduled) returns after the first attempt. */
    private boolean runWithRetries(DocumentSync sync, String what, UUID firm, UUID connection, BackgroundWork.Work work,
                                   boolean scheduled) {
        BackgroundWork.Work locked = (f, c) -> locks.holding(c, () -> {
            work.run(f, c);
            return null;
        });
        return scheduled ? background.submit(sync.displayName(), what, firm, connection, sync.errors(), locked).getNow(false)
                : background.run(sync.displayName(), what, firm, connection, sync.errors(), locked);
    }

    private void forEachActive(DocumentSync sync, String what, BackgroundWork.Work work) {
        for (WorkQueue.ConnectionHandle c : queue.connections(sync.system().id())) {
            if ("active".equals(c.status()) && !locks.busy(c.connectionId())) {
                runWithRetries(sync, what, c.firmId(), c.connectionId(), work, true);
            }
        }
    }
}
