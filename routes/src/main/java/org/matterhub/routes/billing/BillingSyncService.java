package org.matterhub.routes.billing;

import org.matterhub.connectors.kernel.ErrorClassifier;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.routes.engine.ConnectionPollLocks;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the billing routes call on schedule and on webhooks: for every active connection of every accounting vendor
 * (each a {@link BillingSync} in the {@link VendorRegistry}), poll (backfill until complete, then incremental).
 * Failures are classified by the vendor's classifier: retriable ones are retried with the background budget (the
 * cursor did not move, so the next run resumes where this one stopped), a revoked grant marks the connection for
 * re-authorisation, anything else becomes a dead letter. A connection whose vendor quota is spent
 * ({@link BillingQuotaSpentException}, Xero's daily limit) is parked until its window resets: its polls are skipped,
 * not retried, until then.
 */
@Component
public class BillingSyncService {

    private static final Logger log = LoggerFactory.getLogger(BillingSyncService.class);

    private final WorkQueue queue;
    private final VendorRegistry vendors;
    private final BillingPolls polls;
    private final ConnectionPollLocks locks;
    private final BackgroundWork background;
    private final ConnectionRepository connections;
    private final Tenancy tenancy;
    private final Map<UUID, Instant> parkedUntil = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> requested = new ConcurrentHashMap<>();
    private final ExecutorService webhookPolls = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "billing-webhook-poll");
        t.setDaemon(true);
        return t;
    });

    public BillingSyncService(WorkQueue queue, VendorRegistry vendors, BillingPolls polls, ConnectionPollLocks locks,
                              BackgroundWork background, ConnectionRepository connections, Tenancy tenancy) {
        this.queue = queue;
        this.vendors = vendors;
        this.polls = polls;
        this.locks = locks;
        this.background = background;
        this.connections = connections;
        this.tenancy = tenancy;
    }

    public void pollAll() {
        for (BillingSync vendor : vendors.all(BillingSync.class)) {
            for (WorkQueue.ConnectionHandle c : queue.connections(vendor.system().id())) {
                if ("active".equals(c.status()) && !locks.busy(c.connectionId())) {
                    // on a worker thread, so that a retry's backoff never holds the scheduler's thread
                    requestPoll(vendor.system().id(), c.firmId(), c.connectionId());
                }
            }
        }
    }

    /**
     * Polls the connection soon, on a worker thread (webhooks). Requests that arrive while one is queued or running
     * fold into one more poll after it, so a burst of events costs at most two polls.
     */
    public void requestPoll(String vendor, UUID firmId, UUID connectionId) {
        AtomicInteger pending = requested.computeIfAbsent(connectionId, k -> new AtomicInteger());
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

    @PreDestroy
    void stop() {
        webhookPolls.shutdownNow();
    }

    /**
     * Drops the connection's cursors (ops: "backfill"); its next poll reads every customer, invoice and payment again,
     * which is idempotent. Waits for a poll of the connection that is running.
     */
    public void resetCursors(String vendor, UUID firmId, UUID connectionId) {
        vendors.adapter(vendor, BillingSync.class).resetCursors(firmId, connectionId);
    }

    /** How {@code vendor}'s failures are classified. */
    public ErrorClassifier errors(String vendor) {
        return vendors.adapter(vendor, BillingSync.class).errors();
    }

    public boolean backfillComplete(String vendor, UUID firmId, UUID connectionId) {
        return vendors.adapter(vendor, BillingSync.class).backfillComplete(firmId, connectionId);
    }

    /**
     * One connection's poll now, with the background retry budget; false when it failed or is parked. Waits for a
     * poll of the same connection already running (the scheduler's, a webhook's) to finish first.
     */
    public boolean poll(String vendor, UUID firmId, UUID connectionId) {
        return poll(vendors.adapter(vendor, BillingSync.class), firmId, connectionId);
    }

    private boolean poll(BillingSync vendor, UUID firmId, UUID connectionId) {
        return locks.holding(connectionId, () -> pollNow(vendor, firmId, connectionId));
    }

    private boolean pollNow(BillingSync vendor, UUID firmId, UUID connectionId) {
        Instant parked = parkedUntil.get(connectionId);
        if (parked != null) {
            if (Instant.now().isBefore(parked)) {
                return false;
            }
            parkedUntil.remove(connectionId);
            log.info("{} connection {}: request quota window reset, sync resumes", vendor.displayName(), connectionId);
        }
        return background.run(vendor.displayName(), "poll", firmId, connectionId, vendor.errors(), (f, c) -> {
            try {
                vendor.poll(polls.open(f, c, vendor));
                tenancy.writeVoid(TenantScope.system(f), () -> connections.recordPoll(c, true, null));
            } catch (BillingQuotaSpentException e) {
                park(vendor, f, c, e.resetAt());
            }
        });
    }

    private void park(BillingSync vendor, UUID firmId, UUID connectionId, Instant until) {
        if (parkedUntil.put(connectionId, until) == null) {
            log.warn("{} connection {}: request quota spent; sync parked until {}", vendor.displayName(), connectionId,
                    until);
        }
        tenancy.writeVoid(TenantScope.system(firmId), () -> {
            connections.recordRateLimit(connectionId, 0, 0, until);
            connections.recordError(connectionId, vendor.displayName() + " daily request quota spent; parked until "
                    + until);
        });
    }
}
