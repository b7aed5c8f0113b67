package org.matterhub.routes.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxEntry;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.TenantScope;
import org.matterhub.store.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox and the inbox. Each due row is claimed with {@code FOR UPDATE SKIP LOCKED} in a
 * transaction bound to its firm, so any number of nodes share the queues and a row is worked on by one node
 * at a time. The work and the row's completion commit together; a crash mid-way rolls both back and the row
 * is worked again (delivery relies on the vendor's idempotency or concurrency mechanism). Failures are
 * classified: retriable ones back off with jitter (honouring Retry-After), everything past the retry budget
 * or permanent is parked in dead_letter with its payload and error.
 */
@Component
public class QueueDrainer {

    private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);

    private final WorkQueue queue;
    private final Tenancy tenancy;
    private final OutboxRepository outbox;
    private final InboxRepository inbox;
    private final DeadLetterRepository deadLetters;
    private final ConnectionRepository connections;
    private final Map<String, WorkHandler<OutboxEntry>> outboxHandlers;
    private final Map<String, WorkHandler<InboxEntry>> inboxHandlers;
    private final MeterRegistry meters;
    private final RetryPolicy policy = RetryPolicy.background();

    public QueueDrainer(WorkQueue queue, Tenancy tenancy, OutboxRepository outbox, InboxRepository inbox,
                        DeadLetterRepository deadLetters, ConnectionRepository connections,
                        List<OutboxHandler> outboxHandlers, List<InboxHandler> inboxHandlers, MeterRegistry meters) {
        this.queue = queue;
        this.tenancy = tenancy;
        this.outbox = outbox;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.connections = connections;
        this.outboxHandlers = outboxHandlers.stream().collect(Collectors.toMap(WorkHandler::key, Function.identity()));
        this.inboxHandlers = inboxHandlers.stream().collect(Collectors.toMap(WorkHandler::key, Function.identity()));
        this.meters = meters;
    }

    /** Marker for outbox handlers (Spring collects them by type). */
    public interface OutboxHandler extends WorkHandler<OutboxEntry> {
    }

    /** Marker for inbox handlers. */
    public interface InboxHandler extends WorkHandler<InboxEntry> {
    }

    /** Works every due outbox row once; returns how many were worked. */
    public int drainOutbox() {
        int worked = 0;
        for (WorkQueue.DueItem item : queue.due("outbox", 50)) {
            worked += process(item.firmId(), () -> outbox.claim(item.id()), e -> outboxHandlers.get(e.kind()),
                    OutboxEntry::connectionId, OutboxEntry::attempts, OutboxEntry::payload, "outbox", item.id(),
                    () -> outbox.markDelivered(item.id()), (next, err) -> outbox.reschedule(item.id(), next, err),
                    err -> outbox.markDead(item.id(), err));
        }
        return worked;
    }

    /** Works every due inbox row once. */
    public int drainInbox() {
        int worked = 0;
        for (WorkQueue.DueItem item : queue.due("inbox", 50)) {
            worked += process(item.firmId(), () -> inbox.claim(item.id()), e -> inboxHandlers.get(e.vendor()),
                    InboxEntry::connectionId, InboxEntry::attempts, InboxEntry::payload, "inbox", item.id(),
                    () -> inbox.markProcessed(item.id()), (next, err) -> inbox.reschedule(item.id(), next, err),
                    err -> inbox.markDead(item.id(), err));
        }
        return worked;
    }

    private <T> int process(UUID firmId, java.util.function.Supplier<Optional<T>> claim,
                            Function<T, WorkHandler<T>> handlerOf, Function<T, UUID> connectionOf,
                            Function<T, Integer> attemptsOf, Function<T, String> payloadOf, String source, long id,
                            Runnable done, java.util.function.BiConsumer<Instant, String> reschedule,
                            java.util.function.Consumer<String> dead) {
        TenantScope scope = TenantScope.system(firmId);
        Object[] failed = new Object[3];
        boolean worked;
        try {
            worked = Boolean.TRUE.equals(tenancy.write(scope, () -> {
            Optional<T> entry = claim.get();
            if (entry.isEmpty()) {
                return false;
            }
            T e = entry.get();
            WorkHandler<T> handler = handlerOf.apply(e);
            if (handler == null) {
                failed[0] = e;
                failed[1] = new IllegalStateException("No handler for " + source + " row " + id);
                failed[2] = null;
                return true;
            }
            try {
                handler.handle(e);
                done.run();
            } catch (Exception ex) {
                failed[0] = e;
                failed[1] = ex;
                failed[2] = handler;
                throw new WorkFailed(ex);
            }
            return true;
            }));
        } catch (WorkFailed rolledBack) {
            worked = true;
        }
        if (failed[1] != null) {
            recordFailure(scope, failed, connectionOf, attemptsOf, payloadOf, source, id, reschedule, dead);
            return 1;
        }
        if (worked) {
            meters.counter("matterhub.queue.worked", "queue", source, "outcome", "done").increment();
        }
        return worked ? 1 : 0;
    }

    @SuppressWarnings("unchecked")
    private <T> void recordFailure(TenantScope scope, Object[] failed, Function<T, UUID> connectionOf,
                                   Function<T, Integer> attemptsOf, Function<T, String> payloadOf, String source, long id,
                                   java.util.function.BiConsumer<Instant, String> reschedule,
                                   java.util.function.Consumer<String> dead) {
        T e = (T) failed[0];
        Throwable ex = (Throwable) failed[1];
        WorkHandler<T> handler = (WorkHandler<T>) failed[2];
        ErrorClass cls = handler == null ? ErrorClass.PERMANENT : handler.classifier().classify(ex);
        int attempt = attemptsOf.apply(e) + 1;
        String error = describe(ex);
        tenancy.writeVoid(scope, () -> {
            UUID connectionId = connectionOf.apply(e);
            if (cls == ErrorClass.REAUTHORIZATION_REQUIRED) {
                connections.setStatus(connectionId, "reauthorization_required");
            }
            boolean throttled = Throttling.isThrottled(ex, cls);
            boolean retry = throttled || (cls == ErrorClass.RETRIABLE || cls == ErrorClass.REAUTHORIZATION_REQUIRED)
                    && attempt < policy.maxAttempts();
            if (retry) {
                var delay = policy.backoff().delay(throttled ? Math.min(attempt, 3) : attempt,
                        handler == null ? Optional.empty() : handler.classifier().retryAfter(ex));
                reschedule.accept(Instant.now().plus(delay), error);
                if (throttled) {
                    log.info("{} row {} waits for the vendor's rate limit ({} ms): {}", source, id, delay.toMillis(), error);
                } else {
                    log.warn("{} row {} failed (attempt {}, {}), retrying in {} ms: {}", source, id, attempt, cls,
                            delay.toMillis(), error);
                }
            } else {
                dead.accept(error);
                deadLetters.add(connectionId, source, id, payloadOf.apply(e), error, cls.name(), attempt);
                log.error("{} row {} parked as a dead letter after {} attempts ({}): {}", source, id, attempt, cls, error);
            }
            connections.recordError(connectionId, error);
        });
        meters.counter("matterhub.queue.worked", "queue", source, "outcome", cls.name().toLowerCase()).increment();
    }

    static String describe(Throwable ex) {
        return ErrorTexts.describe(ex);
    }

    /** Carries a handler failure out of the transaction so that the transaction rolls back. */
    static final class WorkFailed extends RuntimeException {
        WorkFailed(Throwable cause) {
            super(cause);
        }
    }
}
