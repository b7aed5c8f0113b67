package org.matterhub.routes.billing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.quickbooks.QboErrorClassifier;
import org.matterhub.connectors.xero.XeroDailyLimitException;
import org.matterhub.connectors.xero.XeroErrorClassifier;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the billing routes call on schedule and on webhooks: for every active QuickBooks and Xero connection, poll
 * (backfill until complete, then incremental). Failures are classified per vendor: retriable ones are retried with the
 * background budget (the cursor did not move, so the next run resumes where this one stopped), a revoked grant marks
 * the connection for re-authorisation, anything else becomes a dead letter. A Xero organisation whose daily quota is
 * spent is parked until its window resets: its polls are skipped, not retried, until then.
 */
@Component
public class BillingSyncService {

    private static final Logger log = LoggerFactory.getLogger(BillingSyncService.class);

    private final WorkQueue queue;
    private final QuickBooksBillingSync quickbooks;
    private final XeroBillingSync xero;
    private final BackgroundWork background;
    private final ConnectionRepository connections;
    private final Tenancy tenancy;
    private final ErrorClassifier qboErrors = new QboErrorClassifier();
    private final ErrorClassifier xeroErrors = new XeroErrorClassifier();
    private final Map<UUID, Instant> parkedUntil = new ConcurrentHashMap<>();
    /** One poll of a connection at a time in this process: two would read the same pages from the same cursor. */
    private final Map<UUID, java.util.concurrent.locks.ReentrantLock> running = new ConcurrentHashMap<>();
    private final Map<UUID, java.util.concurrent.atomic.AtomicInteger> requested = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService webhookPolls = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "billing-webhook-poll");
        t.setDaemon(true);
        return t;
    });

    public BillingSyncService(WorkQueue queue, QuickBooksBillingSync quickbooks, XeroBillingSync xero,
                              BackgroundWork background, ConnectionRepository connections, Tenancy tenancy) {
        this.queue = queue;
        this.quickbooks = quickbooks;
        this.xero = xero;
        this.background = background;
        this.connections = connections;
        this.tenancy = tenancy;
    }

    public void pollAll() {
        for (String vendor : new String[] {BillingConnections.QUICKBOOKS, BillingConnections.XERO}) {
            for (WorkQueue.ConnectionHandle c : queue.connections(vendor)) {
                if ("active".equals(c.status()) && !lockOf(c.connectionId()).isLocked()) {
                    // on a worker thread, so that a retry's backoff never holds the scheduler's thread
                    requestPoll(vendor, c.firmId(), c.connectionId());
                }
            }
        }
    }

    /**
     * Polls the connection soon, on a worker thread (webhooks). Requests that arrive while one is queued or running
     * fold into one more poll after it, so a burst of events costs at most two polls.
     */
    public void requestPoll(String vendor, UUID firmId, UUID connectionId) {
        java.util.concurrent.atomic.AtomicInteger pending = requested.computeIfAbsent(connectionId,
                k -> new java.util.concurrent.atomic.AtomicInteger());
        if (pending.getAndIncrement() > 0) {
            return;
        }
        webhookPolls.submit(() -> {
            while (true) {
                int seen = pending.get();
                try {
                    poll(vendor, firmId, connectionId);
                } catch (RuntimeException e) {
                    log.warn("{} poll after a webhook failed: {}", vendor, e.toString());
                }
                if (pending.addAndGet(-seen) == 0) {
                    return;
                }
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        webhookPolls.shutdownNow();
    }

    /**
     * Drops the connection's cursors (ops: "backfill"); its next poll reads every customer, invoice and payment again,
     * which is idempotent. Waits for a poll of the connection that is running.
     */
    public void resetCursors(String vendor, UUID firmId, UUID connectionId) {
        java.util.concurrent.locks.ReentrantLock lock = lockOf(connectionId);
        lock.lock();
        try {
            if (BillingConnections.XERO.equals(vendor)) {
                xero.resetCursors(firmId, connectionId);
            } else {
                quickbooks.resetCursors(firmId, connectionId);
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean backfillComplete(String vendor, UUID firmId, UUID connectionId) {
        return BillingConnections.XERO.equals(vendor) ? xero.backfillComplete(firmId, connectionId)
                : quickbooks.backfillComplete(firmId, connectionId);
    }

    private java.util.concurrent.locks.ReentrantLock lockOf(UUID connectionId) {
        return running.computeIfAbsent(connectionId, k -> new java.util.concurrent.locks.ReentrantLock());
    }

    /**
     * One connection's poll now, with the background retry budget; false when it failed or is parked. Waits for a
     * poll of the same connection already running (the scheduler's, a webhook's) to finish first.
     */
    public boolean poll(String vendor, UUID firmId, UUID connectionId) {
        java.util.concurrent.locks.ReentrantLock lock = lockOf(connectionId);
        lock.lock();
        try {
            return pollNow(vendor, firmId, connectionId);
        } finally {
            lock.unlock();
        }
    }

    private boolean pollNow(String vendor, UUID firmId, UUID connectionId) {
        Instant parked = parkedUntil.get(connectionId);
        if (parked != null) {
            if (Instant.now().isBefore(parked)) {
                return false;
            }
            parkedUntil.remove(connectionId);
            log.info("Xero connection {}: daily window reset, sync resumes", connectionId);
        }
        boolean qbo = BillingConnections.QUICKBOOKS.equals(vendor);
        return background.run(qbo ? "QuickBooks" : "Xero", "poll", firmId, connectionId, qbo ? qboErrors : xeroErrors,
                (f, c) -> {
                    try {
                        if (qbo) {
                            quickbooks.poll(f, c);
                        } else {
                            xero.poll(f, c);
                        }
                    } catch (XeroDailyLimitException e) {
                        park(f, c, e.resetAt());
                    }
                });
    }

    private void park(UUID firmId, UUID connectionId, Instant until) {
        if (parkedUntil.put(connectionId, until) == null) {
            log.warn("Xero connection {}: daily request quota spent; sync parked until {}", connectionId, until);
        }
        tenancy.writeVoid(TenantScope.system(firmId), () -> {
            connections.recordRateLimit(connectionId, 0, 0, until);
            connections.recordError(connectionId, "Xero daily request quota spent; parked until " + until);
        });
    }
}
