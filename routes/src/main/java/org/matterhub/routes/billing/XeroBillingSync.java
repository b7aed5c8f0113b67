package org.matterhub.routes.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroPage;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * Xero inbound: contacts, then ACCREC invoices, then payments, each read by {@code If-Modified-Since} a page at a time
 * (VENDORS.md §5.3, §5.4). Xero sends no payment events, so payments come only from here. The first run has no
 * since and is the backfill. Each page is written with its cursor in one transaction; the next round's since is the
 * latest {@code UpdatedDateUTC} seen, less a small overlap.
 */
@Component
public class XeroBillingSync {

    static final String ENTITY = "billing";
    static final Duration OVERLAP = Duration.ofSeconds(1);
    private static final String[] KINDS = {"contacts", "invoices", "payments"};

    private final BillingConnections connections;
    private final BillingApplier applier;
    private final SyncCursorRepository cursors;
    private final ConnectionRepository connectionRows;
    private final Tenancy tenancy;

    public XeroBillingSync(BillingConnections connections, BillingApplier applier, SyncCursorRepository cursors,
                           ConnectionRepository connectionRows, Tenancy tenancy) {
        this.connections = connections;
        this.applier = applier;
        this.cursors = cursors;
        this.connectionRows = connectionRows;
        this.tenancy = tenancy;
    }

    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return tenancy.read(TenantScope.system(firmId), () -> {
            for (String kind : KINDS) {
                var c = cursors.find(connectionId, ENTITY, "xero-" + kind, SyncCursor.SyncMode.INCREMENTAL);
                if (c.isEmpty() || c.get().get("since") == null || c.get().get("since").isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Forgets where the sync stands; the next poll reads everything again. */
    public void resetCursors(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> {
            for (String kind : KINDS) {
                cursors.delete(connectionId, ENTITY, "xero-" + kind, SyncCursor.SyncMode.INCREMENTAL);
            }
        });
    }

    public void poll(UUID firmId, UUID connectionId) {
        for (String kind : KINDS) {
            sync(firmId, connectionId, kind);
        }
        tenancy.writeVoid(TenantScope.system(firmId), () -> connectionRows.recordPoll(connectionId, true, null));
    }

    private void sync(UUID firmId, UUID connectionId, String kind) {
        TenantScope scope = TenantScope.system(firmId);
        XeroClient client = connections.xero(firmId, connectionId);
        BillingConnections.Accounting a = connections.load(firmId, connectionId);
        String sub = "xero-" + kind;
        Map<String, String> pos = tenancy.read(scope, () -> cursors.find(connectionId, ENTITY, sub, SyncCursor.SyncMode.INCREMENTAL))
                .map(c -> new HashMap<>(c.position())).orElseGet(HashMap::new);
        String sinceText = pos.getOrDefault("since", "");
        Instant since = sinceText.isEmpty() ? null : Instant.parse(sinceText);
        int page = Integer.parseInt(pos.getOrDefault("page", "1"));
        Instant latest = pos.containsKey("latest") && !pos.get("latest").isEmpty() ? Instant.parse(pos.get("latest")) : since;
        while (true) {
            BillingFeed feed = new BillingFeed();
            boolean more;
            Instant pageLatest = latest;
            switch (kind) {
                case "contacts" -> {
                    XeroPage<org.matterhub.connectors.xero.XeroContact> p = client.contactsModifiedSince(since, page);
                    for (var c : p.items()) {
                        feed.customers.add(BillingFeeds.customer(c));
                        pageLatest = max(pageLatest, c.updatedDateUtc());
                    }
                    more = p.hasMore();
                }
                case "invoices" -> {
                    XeroPage<org.matterhub.connectors.xero.XeroInvoice> p = client.invoicesModifiedSince(since, page);
                    for (var i : p.items()) {
                        feed.invoices.add(BillingFeeds.invoice(i));
                        pageLatest = max(pageLatest, i.updatedDateUtc());
                    }
                    more = p.hasMore();
                }
                default -> {
                    XeroPage<org.matterhub.connectors.xero.XeroPayment> p = client.paymentsModifiedSince(since, page);
                    for (var pay : p.items()) {
                        feed.payments.add(BillingFeeds.payment(pay));
                        pageLatest = max(pageLatest, pay.updatedDateUtc());
                    }
                    more = p.hasMore();
                }
            }
            Map<String, String> after = new HashMap<>();
            if (more) {
                after.put("since", sinceText);
                after.put("page", Integer.toString(page + 1));
                after.put("latest", pageLatest == null ? "" : pageLatest.toString());
            } else {
                Instant next = pageLatest == null ? Instant.EPOCH : pageLatest.minus(OVERLAP);
                after.put("since", next.toString());
                after.put("page", "1");
                after.put("latest", "");
            }
            tenancy.writeVoid(scope, () -> {
                applier.apply(connectionId, BillingConnections.XERO, a.settings(), feed);
                cursors.save(connectionId, ENTITY, sub, SyncCursor.SyncMode.INCREMENTAL, after, feed.size());
            });
            if (!more) {
                return;
            }
            page++;
            latest = pageLatest;
        }
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
