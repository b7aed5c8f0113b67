package org.matterhub.routes.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.quickbooks.QboCdcLookBackExceededException;
import org.matterhub.connectors.quickbooks.QboChanges;
import org.matterhub.connectors.quickbooks.QboClient;
import org.matterhub.connectors.quickbooks.QboPage;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * QuickBooks Online inbound: a backfill by query pages (customers, then invoices, then payments, 1,000 per page, the
 * largest QuickBooks returns), then change data capture from the moment the backfill started (VENDORS.md §4.4). The
 * connector narrows a CDC window that hit the 1,000-object cap, so nothing is lost; a cursor older than CDC's 30-day
 * look-back starts a new backfill. Each page is written with its cursor in one transaction, so a crash resumes at
 * the page it was on.
 */
@Component
public class QuickBooksBillingSync {

    static final String ENTITY = "billing";
    static final String SUB = "quickbooks";
    static final int PAGE = 1000;
    /** CDC windows overlap by this much: QuickBooks's clock and the hub's differ a little; applying twice is harmless. */
    static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final String[] PHASES = {"customers", "invoices", "payments"};
    private static final Logger log = LoggerFactory.getLogger(QuickBooksBillingSync.class);

    private final BillingConnections connections;
    private final BillingApplier applier;
    private final SyncCursorRepository cursors;
    private final ConnectionRepository connectionRows;
    private final Tenancy tenancy;

    public QuickBooksBillingSync(BillingConnections connections, BillingApplier applier, SyncCursorRepository cursors,
                                 ConnectionRepository connectionRows, Tenancy tenancy) {
        this.connections = connections;
        this.applier = applier;
        this.cursors = cursors;
        this.connectionRows = connectionRows;
        this.tenancy = tenancy;
    }

    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return tenancy.read(TenantScope.system(firmId), () ->
                cursors.find(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL).isPresent());
    }

    /** Forgets where the sync stands; the next poll backfills. */
    public void resetCursors(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> {
            cursors.delete(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL);
            cursors.delete(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL);
        });
    }

    public void poll(UUID firmId, UUID connectionId) {
        TenantScope scope = TenantScope.system(firmId);
        var incremental = tenancy.read(scope, () -> cursors.find(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL));
        if (incremental.isEmpty()) {
            backfill(firmId, connectionId);
        } else {
            try {
                changes(firmId, connectionId, Instant.parse(incremental.get().get("since")));
            } catch (QboCdcLookBackExceededException e) {
                log.warn("QuickBooks connection {} was last synced more than 30 days ago; starting a new backfill",
                        connectionId);
                tenancy.writeVoid(scope, () -> cursors.delete(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL));
                backfill(firmId, connectionId);
            }
        }
        tenancy.writeVoid(scope, () -> connectionRows.recordPoll(connectionId, true, null));
    }

    private void backfill(UUID firmId, UUID connectionId) {
        TenantScope scope = TenantScope.system(firmId);
        QboClient client = connections.quickbooks(firmId, connectionId);
        BillingConnections.Accounting a = connections.load(firmId, connectionId);
        Map<String, String> pos = tenancy.read(scope, () -> cursors.find(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL))
                .map(c -> new HashMap<>(c.position()))
                .orElseGet(() -> new HashMap<>(Map.of("phase", PHASES[0], "start", "1", "since", Instant.now().toString())));
        while (true) {
            String phase = pos.get("phase");
            int start = Integer.parseInt(pos.get("start"));
            BillingFeed feed = new BillingFeed();
            boolean more;
            int next;
            switch (phase) {
                case "customers" -> {
                    QboPage<org.matterhub.connectors.quickbooks.QboCustomer> page = client.customers(start, PAGE);
                    page.items().forEach(c -> feed.customers.add(BillingFeeds.customer(c)));
                    more = page.hasMore();
                    next = page.nextStartPosition();
                }
                case "invoices" -> {
                    QboPage<org.matterhub.connectors.quickbooks.QboInvoice> page = client.invoices(start, PAGE);
                    page.items().forEach(i -> feed.invoices.add(BillingFeeds.invoice(i)));
                    more = page.hasMore();
                    next = page.nextStartPosition();
                }
                default -> {
                    QboPage<org.matterhub.connectors.quickbooks.QboPayment> page = client.payments(start, PAGE);
                    page.items().forEach(p -> BillingFeeds.addPayment(feed, p));
                    more = page.hasMore();
                    next = page.nextStartPosition();
                }
            }
            Map<String, String> after = new HashMap<>(pos);
            if (more) {
                after.put("start", Integer.toString(next));
            } else {
                int i = java.util.Arrays.asList(PHASES).indexOf(phase);
                if (i + 1 < PHASES.length) {
                    after.put("phase", PHASES[i + 1]);
                    after.put("start", "1");
                } else {
                    after.put("phase", "done");
                }
            }
            boolean done = "done".equals(after.get("phase"));
            tenancy.writeVoid(scope, () -> {
                applier.apply(connectionId, BillingConnections.QUICKBOOKS, a.settings(), feed);
                if (done) {
                    cursors.delete(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL);
                    cursors.save(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL, Map.of("since", after.get("since")),
                            feed.size());
                } else {
                    cursors.save(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL, after, feed.size());
                }
            });
            if (done) {
                log.info("QuickBooks connection {}: backfill complete", connectionId);
                return;
            }
            pos = after;
        }
    }

    private void changes(UUID firmId, UUID connectionId, Instant since) {
        TenantScope scope = TenantScope.system(firmId);
        QboClient client = connections.quickbooks(firmId, connectionId);
        BillingConnections.Accounting a = connections.load(firmId, connectionId);
        Instant now = Instant.now();
        QboChanges changes = client.changesSince(since, now);
        BillingFeed feed = new BillingFeed();
        BillingFeeds.addQbo(feed, changes);
        Instant until = changes.coveredUntil() == null ? now : changes.coveredUntil();
        Instant nextSince = until.minus(OVERLAP).isAfter(since) ? until.minus(OVERLAP) : since;
        tenancy.writeVoid(scope, () -> {
            BillingApplier.Outcome o = applier.apply(connectionId, BillingConnections.QUICKBOOKS, a.settings(), feed);
            cursors.save(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL, Map.of("since", nextSince.toString()),
                    feed.size());
            if (feed.size() > 0) {
                log.info("QuickBooks connection {}: {} changes ({} invoices, {} payments, {} deletions, {} parked)",
                        connectionId, feed.size(), o.invoices(), o.payments(), o.deleted(), o.parked());
            }
        });
    }
}
