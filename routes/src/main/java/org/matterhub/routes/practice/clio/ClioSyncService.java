package org.matterhub.routes.practice.clio;

import java.util.UUID;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.store.sync.WorkQueue;
import org.springframework.stereotype.Component;

/**
 * What the Clio routes call on schedule: for every active Clio connection, finish any backfill, then poll
 * incrementally; renew webhooks; reconcile. Failures are classified per connection: retriable ones are
 * retried with backoff (later, off the scheduler's thread: {@link BackgroundWork#submit}), then recorded (the cursor did not move, so the next run resumes);
 * a revoked grant marks the connection for re-authorisation.
 */
@Component
public class ClioSyncService {

    private final WorkQueue queue;
    private final ClioInboundSync inbound;
    private final ClioWebhookManager webhooks;
    private final BackgroundWork background;
    private final ClioConversationSync conversations;
    private final ClioErrorClassifier classifier = new ClioErrorClassifier();

    public ClioSyncService(WorkQueue queue, ClioInboundSync inbound, ClioWebhookManager webhooks, BackgroundWork background,
                           ClioConversationSync conversations) {
        this.conversations = conversations;
        this.queue = queue;
        this.inbound = inbound;
        this.webhooks = webhooks;
        this.background = background;
    }

    public void pollAll() {
        forEachActive("poll", (firm, connection) -> {
            inbound.backfill(firm, connection);
            inbound.incremental(firm, connection);
            if (inbound.backfillComplete(firm, connection)) {
                conversations.poll(firm, connection);
            }
        });
    }

    public void renewWebhooks() {
        forEachActive("webhooks", webhooks::ensure);
    }

    public void reconcileAll() {
        forEachActive("reconcile", (firm, connection) -> {
            if (inbound.backfillComplete(firm, connection)) {
                inbound.reconcile(firm, connection, ClioUpserter.CONTACT);
                inbound.reconcile(firm, connection, ClioUpserter.MATTER);
            }
            if (inbound.activityBackfillComplete(firm, connection)) {
                inbound.reconcile(firm, connection, ClioUpserter.ACTIVITY);
            }
        });
    }

    /** Runs one connection's work with the background retry budget; returns whether it succeeded. */
    public boolean runWithRetries(String what, UUID firm, UUID connection, BackgroundWork.Work work) {
        return background.run("Clio", what, firm, connection, classifier, work);
    }

    private void forEachActive(String what, BackgroundWork.Work work) {
        for (WorkQueue.ConnectionHandle c : queue.connections("clio")) {
            if ("active".equals(c.status())) {
                background.submit("Clio", what, c.firmId(), c.connectionId(), classifier, work);
            }
        }
    }
}
