package org.matterhub.routes.dms;

import java.util.UUID;
import org.matterhub.connectors.imanage.ImanageErrorClassifier;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.netdocuments.NetDocumentsErrorClassifier;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.store.sync.WorkQueue;
import org.springframework.stereotype.Component;

/**
 * What the DMS routes call on schedule: for every active iManage and NetDocuments connection, poll (backfill until
 * complete, then incremental) or reconcile. Failures are classified per vendor and per connection: retriable ones
 * are retried with the background budget, off the scheduler's thread (the cursor did not move, so a retry resumes
 * where this one stopped); a revoked grant marks the connection for re-authorisation; anything else becomes a dead letter
 * ops can see and replay.
 */
@Component
public class DmsSyncService {

    private final WorkQueue queue;
    private final ImanageDocumentSync imanage;
    private final NetDocumentsDocumentSync netDocuments;
    private final BackgroundWork background;
    private final ErrorClassifier imanageErrors = new ImanageErrorClassifier();
    private final ErrorClassifier netDocumentsErrors = new NetDocumentsErrorClassifier();

    public DmsSyncService(WorkQueue queue, ImanageDocumentSync imanage, NetDocumentsDocumentSync netDocuments,
                          BackgroundWork background) {
        this.queue = queue;
        this.imanage = imanage;
        this.netDocuments = netDocuments;
        this.background = background;
    }

    public void pollAll() {
        forEachActive(DmsConnections.IMANAGE, "poll", imanage::poll);
        forEachActive(DmsConnections.NETDOCUMENTS, "poll", netDocuments::poll);
    }

    public void reconcileAll() {
        forEachActive(DmsConnections.IMANAGE, "reconcile", (f, c) -> {
            if (imanage.backfillComplete(f, c)) {
                imanage.reconcile(f, c);
            }
        });
        forEachActive(DmsConnections.NETDOCUMENTS, "reconcile", (f, c) -> {
            if (netDocuments.backfillComplete(f, c)) {
                netDocuments.reconcile(f, c);
            }
        });
    }

    /** One connection's poll now (ops, the demo), with the background retry budget. */
    public boolean poll(String vendor, UUID firmId, UUID connectionId) {
        return runWithRetries(vendor, "poll", firmId, connectionId,
                DmsConnections.IMANAGE.equals(vendor) ? imanage::poll : netDocuments::poll, false);
    }

    /** With the background budget: waits for the outcome, or (scheduled) returns after the first attempt. */
    private boolean runWithRetries(String vendor, String what, UUID firm, UUID connection, BackgroundWork.Work work,
                                   boolean scheduled) {
        String name = DmsConnections.IMANAGE.equals(vendor) ? "iManage" : "NetDocuments";
        ErrorClassifier errors = DmsConnections.IMANAGE.equals(vendor) ? imanageErrors : netDocumentsErrors;
        return scheduled ? background.submit(name, what, firm, connection, errors, work).getNow(false)
                : background.run(name, what, firm, connection, errors, work);
    }

    private void forEachActive(String vendor, String what, BackgroundWork.Work work) {
        for (WorkQueue.ConnectionHandle c : queue.connections(vendor)) {
            if ("active".equals(c.status())) {
                runWithRetries(vendor, what, c.firmId(), c.connectionId(), work, true);
            }
        }
    }
}
