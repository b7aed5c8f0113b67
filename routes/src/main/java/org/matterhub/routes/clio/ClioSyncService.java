package org.matterhub.routes.clio;

import java.util.UUID;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.clio.ClioReauthorizationRequiredException;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.routes.engine.RetryPolicy;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the Clio routes call on schedule: for every active Clio connection, finish any backfill, then poll
 * incrementally; renew webhooks; reconcile. Failures are classified per connection: retriable ones are
 * retried with backoff within the run, then recorded (the cursor did not move, so the next run resumes);
 * a revoked grant marks the connection for re-authorisation.
 */
@Component
public class ClioSyncService {

    private static final Logger log = LoggerFactory.getLogger(ClioSyncService.class);

    private final WorkQueue queue;
    private final ClioInboundSync inbound;
    private final ClioWebhookManager webhooks;
    private final ConnectionRepository connections;
    private final DeadLetterRepository deadLetters;
    private final Tenancy tenancy;
    private final ClioErrorClassifier classifier = new ClioErrorClassifier();
    private final RetryPolicy policy = RetryPolicy.background();

    public ClioSyncService(WorkQueue queue, ClioInboundSync inbound, ClioWebhookManager webhooks,
                           ConnectionRepository connections, DeadLetterRepository deadLetters, Tenancy tenancy) {
        this.queue = queue;
        this.inbound = inbound;
        this.webhooks = webhooks;
        this.connections = connections;
        this.deadLetters = deadLetters;
        this.tenancy = tenancy;
    }

    public void pollAll() {
        forEachActive("poll", (firm, connection) -> {
            inbound.backfill(firm, connection);
            inbound.incremental(firm, connection);
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
        });
    }

    /** Runs one connection's work with the background retry budget; returns whether it succeeded. */
    public boolean runWithRetries(String what, UUID firm, UUID connection, Work work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run(firm, connection);
                return true;
            } catch (RuntimeException e) {
                ErrorClass cls = classifier.classify(e);
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (cls == ErrorClass.REAUTHORIZATION_REQUIRED || e instanceof ClioReauthorizationRequiredException) {
                    tenancy.writeVoid(TenantScope.system(firm), () -> {
                        connections.setStatus(connection, "reauthorization_required");
                        connections.recordError(connection, error);
                    });
                    log.error("Clio connection {} needs re-authorisation by a firm admin: {}", connection, error);
                    return false;
                }
                if (cls == ErrorClass.RETRIABLE && attempt < policy.maxAttempts()) {
                    long ms = policy.backoff().delay(attempt, classifier.retryAfter(e)).toMillis();
                    log.warn("Clio {} of connection {} failed (attempt {}), retrying in {} ms: {}", what, connection,
                            attempt, ms, error);
                    sleep(Math.min(ms, 30_000));
                    continue;
                }
                int attempts = attempt;
                tenancy.writeVoid(TenantScope.system(firm), () -> {
                    connections.recordPoll(connection, false, error);
                    deadLetters.add(connection, "poll", null, "{\"work\":\"" + what + "\"}", error, cls.name(), attempts);
                });
                log.error("Clio {} of connection {} parked as a dead letter after {} attempts: {}", what, connection,
                        attempt, error);
                return false;
            }
        }
    }

    private void forEachActive(String what, Work work) {
        for (WorkQueue.ConnectionHandle c : queue.connections("clio")) {
            if ("active".equals(c.status())) {
                runWithRetries(what, c.firmId(), c.connectionId(), work);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while backing off", e);
        }
    }

    /** One connection's unit of work. */
    @FunctionalInterface
    public interface Work {
        void run(UUID firmId, UUID connectionId);
    }
}
