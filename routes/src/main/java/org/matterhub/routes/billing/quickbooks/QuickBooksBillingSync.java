package org.matterhub.routes.billing.quickbooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.quickbooks.QboCdcLookBackExceededException;
import org.matterhub.connectors.quickbooks.QboChanges;
import org.matterhub.connectors.quickbooks.QboClient;
import org.matterhub.connectors.quickbooks.QboPage;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.mappings.quickbooks.QuickBooksBillingMapper;
import org.matterhub.routes.billing.BillingApplier;
import org.matterhub.routes.billing.BillingSyncSupport;
import org.matterhub.routes.billing.BillingPoll;
import org.matterhub.routes.billing.BillingSync;
import org.matterhub.store.sync.SyncCursor;
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
public class QuickBooksBillingSync extends QuickBooksAdapter implements BillingSync {

    static final String ENTITY = BillingSyncSupport.ENTITY;
    static final String SUB = "quickbooks";
    static final int PAGE = 1000;
    /** CDC windows overlap by this much: QuickBooks's clock and the hub's differ a little; applying twice is harmless. */
    static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final String[] PHASES = {"customers", "invoices", "payments"};
    private static final Logger log = LoggerFactory.getLogger(QuickBooksBillingSync.class);

    private final BillingSyncSupport support;
    private final QuickBooksClients clients;

    public QuickBooksBillingSync(BillingSyncSupport support, QuickBooksClients clients) {
        this.support = support;
        this.clients = clients;
    }

    @Override
    public InvoiceMatterRule defaultMatterRule() {
        return QuickBooksBillingMapper.DEFAULT_MATTER_RULE;
    }

    @Override
    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return support.incremental(firmId, connectionId, List.of(SUB));
    }

    /** Forgets where the sync stands, once a running poll is done; the next poll backfills. */
    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        support.reset(firmId, connectionId, List.of(SUB));
    }

    @Override
    public void poll(BillingPoll poll) {
        UUID connectionId = poll.connectionId();
        var incremental = support.tenancy().read(poll.scope(), () -> support.cursors().find(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL));
        if (incremental.isEmpty()) {
            backfill(poll);
        } else {
            try {
                changes(poll, Instant.parse(incremental.get().get("since")));
            } catch (QboCdcLookBackExceededException e) {
                log.warn("QuickBooks connection {} was last synced more than 30 days ago; starting a new backfill",
                        connectionId);
                support.tenancy().writeVoid(poll.scope(), () -> support.cursors().delete(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL));
                backfill(poll);
            }
        }
    }

    private void backfill(BillingPoll poll) {
        UUID connectionId = poll.connectionId();
        QboClient client = clients.client(poll.firmId(), connectionId);
        Map<String, String> pos = support.tenancy().read(poll.scope(), () -> support.cursors().find(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL))
                .map(c -> new HashMap<>(c.position()))
                .orElseGet(() -> new HashMap<>(Map.of("phase", PHASES[0], "start", "1", "since", Instant.now().toString())));
        while (true) {
            String phase = pos.get("phase");
            int start = Integer.parseInt(pos.get("start"));
            BillingFeed feed = new BillingFeed();
            QboPage<?> page = switch (phase) {
                case "customers" -> read(client.customers(start, PAGE), c -> feed.customers.add(QuickBooksBillingMapper.customer(c)));
                case "invoices" -> read(client.invoices(start, PAGE), i -> feed.invoices.add(QuickBooksBillingMapper.invoice(i)));
                default -> read(client.payments(start, PAGE), p -> feed.payments.addAll(QuickBooksBillingMapper.payments(p)));
            };
            Map<String, String> after = new HashMap<>(pos);
            if (page.hasMore()) {
                after.put("start", Integer.toString(page.nextStartPosition()));
            } else {
                int i = Arrays.asList(PHASES).indexOf(phase);
                if (i + 1 < PHASES.length) {
                    after.put("phase", PHASES[i + 1]);
                    after.put("start", "1");
                } else {
                    after.put("phase", "done");
                }
            }
            boolean done = "done".equals(after.get("phase"));
            poll.write(feed, () -> {
                if (done) {
                    support.cursors().delete(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL);
                    support.cursors().save(connectionId, ENTITY, SUB, SyncCursor.SyncMode.INCREMENTAL, Map.of("since", after.get("since")),
                            feed.size());
                } else {
                    support.cursors().save(connectionId, ENTITY, SUB, SyncCursor.SyncMode.BACKFILL, after, feed.size());
                }
            });
            if (done) {
                log.info("QuickBooks connection {}: backfill complete", connectionId);
                return;
            }
            pos = after;
        }
    }

    private static <T> QboPage<T> read(QboPage<T> page, java.util.function.Consumer<T> into) {
        page.items().forEach(into);
        return page;
    }

    private void changes(BillingPoll poll, Instant since) {
        UUID connectionId = poll.connectionId();
        QboClient client = clients.client(poll.firmId(), connectionId);
        Instant now = Instant.now();
        QboChanges changes = client.changesSince(since, now);
        BillingFeed feed = QuickBooksBillingMapper.changes(changes);
        Instant until = changes.coveredUntil() == null ? now : changes.coveredUntil();
        Instant nextSince = until.minus(OVERLAP).isAfter(since) ? until.minus(OVERLAP) : since;
        BillingApplier.Outcome o = poll.write(feed, () -> support.cursors().save(connectionId, ENTITY, SUB,
                SyncCursor.SyncMode.INCREMENTAL, Map.of("since", nextSince.toString()), feed.size()));
        if (feed.size() > 0) {
            log.info("QuickBooks connection {}: {} changes ({} invoices, {} payments, {} deletions, {} parked)",
                    connectionId, feed.size(), o.invoices(), o.payments(), o.deleted(), o.parked());
        }
    }
}
