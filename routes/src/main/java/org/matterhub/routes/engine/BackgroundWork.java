package org.matterhub.routes.engine;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * budget, classified by the vendor's classifier: retriable failures are retried with backoff (cursors only move with
 * committed pages, so a retry resumes where the failure struck); a revoked grant sets the connection to
 * {@code reauthorization_required} for a firm admin; a vendor's "not now" (429, no permit soon enough, a spent quota)
 * is left to the next run without a dead letter; anything else, or a retriable failure that outlives the budget,
 * becomes a dead letter ops can see and replay.
 *
 * <p>Retries are Resilience4j's asynchronous retry on a small scheduler of their own: the first attempt runs on the
 * caller's thread, and each retry is scheduled for when its backoff (or the vendor's {@code Retry-After}) ends, so no
 * thread sleeps through a backoff. {@link #submit} returns after the first attempt (the Quartz fan-outs: the
 * scheduler thread is free while a retry waits); {@link #run} waits for the outcome (the ops lever, the demo).
 */
@Component
public class BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);
    /** The longest single backoff between attempts, whatever the vendor's Retry-After says. */
    static final long MAX_PAUSE_MS = 30_000;

    private final ConnectionRepository connections;
    private final DeadLetterRepository deadLetters;
    private final Tenancy tenancy;
    private final RetryPolicy policy = RetryPolicy.background();
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "background-retry");
        t.setDaemon(true);
        return t;
    });
    /** Work (what, connection) submitted by a schedule whose retry is still pending on this node. */
    private final Set<String> retrying = ConcurrentHashMap.newKeySet();

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

    /** Runs {@code work} and waits for the outcome; returns whether it succeeded (within the budget). */
    public boolean run(String vendor, String what, UUID firm, UUID connection, ErrorClassifier classifier, Work work) {
        return attempt(vendor, what, firm, connection, classifier, work).join();
    }

    /**
     * Runs {@code work}'s first attempt now and returns; retries run later on the retry scheduler. While a retry of
     * the same work of the connection is pending on this node, a new submission is skipped (the retry does it).
     *
     * @return the outcome, complete once the work succeeded or was settled (parked, dead-lettered, left to the next run)
     */
    public CompletableFuture<Boolean> submit(String vendor, String what, UUID firm, UUID connection,
                                             ErrorClassifier classifier, Work work) {
        String key = what + ":" + connection;
        if (!retrying.add(key)) {
            log.debug("{} {} of connection {}: a retry is pending; this run is skipped", vendor, what, connection);
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> outcome = attempt(vendor, what, firm, connection, classifier, work);
        outcome.whenComplete((ok, e) -> retrying.remove(key));
        return outcome;
    }

    /**
     * The vendor's classifier, and one thing it cannot know: a deadlock, lock timeout or serialization failure in
     * PostgreSQL (Spring's {@link org.springframework.dao.TransientDataAccessException}) is transient, so the work is
     * retried rather than parked as a dead letter.
     */
    static ErrorClassifier storeAware(ErrorClassifier vendor) {
        return new ErrorClassifier() {
            @Override
            public ErrorClass classify(Throwable t) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    if (c instanceof org.springframework.dao.TransientDataAccessException) {
                        return ErrorClass.RETRIABLE;
                    }
                }
                return vendor.classify(t);
            }

            @Override
            public java.util.Optional<java.time.Duration> retryAfter(Throwable t) {
                return vendor.retryAfter(t);
            }
        };
    }

    private CompletableFuture<Boolean> attempt(String vendor, String what, UUID firm, UUID connection,
                                               ErrorClassifier vendorErrors, Work work) {
        ErrorClassifier classifier = storeAware(vendorErrors);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<RuntimeException> last = new AtomicReference<>();
        IntervalBiFunction<Boolean> backoff = (attempt, outcome) -> Math.min(MAX_PAUSE_MS,
                policy.backoff().delay(attempt, outcome.isLeft() ? classifier.retryAfter(unwrap(outcome.getLeft()))
                        : java.util.Optional.empty()).toMillis());
        Retry retry = Retry.of(vendor + "-" + what, RetryConfig.<Boolean>custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(backoff)
                .retryOnException(e -> retriable(classifier, unwrap(e)))
                .build());
        retry.getEventPublisher().onRetry(e -> log.warn("{} {} of connection {} failed (attempt {}), retrying in {} ms: {}",
                vendor, what, connection, e.getNumberOfRetryAttempts(), e.getWaitInterval().toMillis(),
                describe(unwrap(e.getLastThrowable()))));
        return retry.<Boolean>executeCompletionStage(retries, () -> {
            attempts.incrementAndGet();
            try {
                work.run(firm, connection);
                return CompletableFuture.completedFuture(true);
            } catch (RuntimeException e) {
                last.set(e);
                return CompletableFuture.failedFuture(e);
            }
        }).toCompletableFuture().handle((ok, failure) -> {
            if (failure == null) {
                return true;
            }
            RuntimeException e = last.get() != null ? last.get() : new IllegalStateException(unwrap(failure));
            settle(vendor, what, firm, connection, classifier.classify(e), e, attempts.get());
            return false;
        });
    }

    private static boolean retriable(ErrorClassifier classifier, Throwable t) {
        if (!(t instanceof RuntimeException e)) {
            return false;
        }
        ErrorClass cls = classifier.classify(e);
        return cls == ErrorClass.RETRIABLE && !Throttling.isThrottled(e, cls);
    }

    /** A failure that is not retried, or outlived the budget. */
    private void settle(String vendor, String what, UUID firm, UUID connection, ErrorClass cls, RuntimeException e,
                        int attempts) {
        String error = describe(e);
        if (cls == ErrorClass.REAUTHORIZATION_REQUIRED) {
            tenancy.writeVoid(TenantScope.system(firm), () -> {
                connections.setStatus(connection, "reauthorization_required");
                connections.recordError(connection, error);
            });
            log.error("{} connection {} needs re-authorisation by a firm admin: {}", vendor, connection, error);
            return;
        }
        if (Throttling.isThrottled(e, cls)) {
            // The vendor's window is spent: the next tick resumes from the same cursor; nothing to replay.
            tenancy.writeVoid(TenantScope.system(firm), () -> connections.recordPoll(connection, false, error));
            log.info("{} {} of connection {} waits for the vendor's rate limit; the next run resumes: {}", vendor,
                    what, connection, error);
            return;
        }
        tenancy.writeVoid(TenantScope.system(firm), () -> {
            connections.recordPoll(connection, false, error);
            deadLetters.add(connection, "poll", null, "{\"work\":\"" + what + "\"}", error, cls.name(), attempts);
        });
        log.error("{} {} of connection {} parked as a dead letter after {} attempts: {}", vendor, what, connection,
                attempts, error);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String describe(Throwable e) {
        return ErrorTexts.describe(e);
    }

    @jakarta.annotation.PreDestroy
    public void stop() {
        retries.shutdownNow();
    }
}
