package org.matterhub.routes.engine;

import java.util.UUID;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one connection's scheduled work (a poll, a reconciliation, a webhook renewal) with the background retry
 * budget, classified by the vendor's classifier: retriable failures are retried with backoff within the run (cursors
 * only move with committed pages, so a retry resumes where the failure struck); a revoked grant sets the connection
 * to {@code reauthorization_required} for a firm admin; anything else, or a retriable failure that outlives the
 * budget, becomes a dead letter ops can see and replay.
 */
@Component
public class BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

    private final ConnectionRepository connections;
    private final DeadLetterRepository deadLetters;
    private final Tenancy tenancy;
    private final RetryPolicy policy = RetryPolicy.background();

    public BackgroundWork(ConnectionRepository connections, DeadLetterRepository deadLetters, Tenancy tenancy) {
        this.connections = connections;
        this.deadLetters = deadLetters;
        this.tenancy = tenancy;
    }

    /** One connection's unit of work. */
    @FunctionalInterface
    public interface Work {
        void run(UUID firmId, UUID connectionId);
    }

    /** Runs {@code work}; returns whether it succeeded (within the budget). */
    public boolean run(String vendor, String what, UUID firm, UUID connection, ErrorClassifier classifier, Work work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run(firm, connection);
                return true;
            } catch (RuntimeException e) {
                ErrorClass cls = classifier.classify(e);
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (cls == ErrorClass.REAUTHORIZATION_REQUIRED) {
                    tenancy.writeVoid(TenantScope.system(firm), () -> {
                        connections.setStatus(connection, "reauthorization_required");
                        connections.recordError(connection, error);
                    });
                    log.error("{} connection {} needs re-authorisation by a firm admin: {}", vendor, connection, error);
                    return false;
                }
                if (Throttling.isThrottled(e, cls)) {
                    // The vendor's window is spent: the next tick resumes from the same cursor; nothing to replay.
                    tenancy.writeVoid(TenantScope.system(firm), () -> connections.recordPoll(connection, false, error));
                    log.info("{} {} of connection {} waits for the vendor's rate limit; the next run resumes: {}", vendor,
                            what, connection, error);
                    return false;
                }
                if (cls == ErrorClass.RETRIABLE && attempt < policy.maxAttempts()) {
                    long ms = policy.backoff().delay(attempt, classifier.retryAfter(e)).toMillis();
                    log.warn("{} {} of connection {} failed (attempt {}), retrying in {} ms: {}", vendor, what, connection,
                            attempt, ms, error);
                    pause(Math.min(ms, 30_000));
                    continue;
                }
                int attempts = attempt;
                tenancy.writeVoid(TenantScope.system(firm), () -> {
                    connections.recordPoll(connection, false, error);
                    deadLetters.add(connection, "poll", null, "{\"work\":\"" + what + "\"}", error, cls.name(), attempts);
                });
                log.error("{} {} of connection {} parked as a dead letter after {} attempts: {}", vendor, what, connection,
                        attempt, error);
                return false;
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while backing off", e);
        }
    }
}
