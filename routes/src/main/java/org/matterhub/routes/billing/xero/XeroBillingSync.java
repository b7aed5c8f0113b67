package org.matterhub.routes.billing.xero;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroDailyLimitException;
import org.matterhub.connectors.xero.XeroPage;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.mappings.xero.XeroBillingMapper;
import org.matterhub.routes.billing.BillingSyncSupport;
import org.matterhub.routes.billing.BillingPoll;
import org.matterhub.routes.billing.BillingQuotaSpentException;
import org.matterhub.routes.billing.BillingSync;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * Xero inbound: contacts, then ACCREC invoices, then payments, each read by {@code If-Modified-Since} a page at a time
 * (VENDORS.md §5.3, §5.4). Xero sends no payment events, so payments come only from here. The first run has no
 * since and is the backfill. Each page is written with its cursor in one transaction; the next round's since is the
 * latest {@code UpdatedDateUTC} seen, less a small overlap. A spent daily quota parks the connection
 * ({@link BillingQuotaSpentException}).
 */
@Component
public class XeroBillingSync extends XeroAdapter implements BillingSync {

    static final String ENTITY = BillingSyncSupport.ENTITY;
    static final Duration OVERLAP = Duration.ofSeconds(1);
    private static final String[] KINDS = {"contacts", "invoices", "payments"};
    /** The cursor of each kind. */
    private static final List<String> SUBS = Arrays.stream(KINDS).map(kind -> "xero-" + kind).toList();

    /** One page of one kind: the records added to the feed, and the latest change among them. */
    private record Page(boolean more, Instant latest) {
    }

    private final BillingSyncSupport support;
    private final XeroClients clients;

    public XeroBillingSync(BillingSyncSupport support, XeroClients clients) {
        this.support = support;
        this.clients = clients;
    }

    @Override
    public InvoiceMatterRule defaultMatterRule() {
        return XeroBillingMapper.DEFAULT_MATTER_RULE;
    }

    @Override
    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return support.incremental(firmId, connectionId, SUBS);
    }

    /** Forgets where the sync stands, once a running poll is done; the next poll reads everything again. */
    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        support.reset(firmId, connectionId, SUBS);
    }

    @Override
    public void poll(BillingPoll poll) {
        try {
            for (String kind : KINDS) {
                sync(poll, kind);
            }
        } catch (XeroDailyLimitException e) {
            throw new BillingQuotaSpentException(e.resetAt(), e);
        }
    }

    private void sync(BillingPoll poll, String kind) {
        UUID connectionId = poll.connectionId();
        XeroClient client = clients.client(poll.firmId(), connectionId);
        String sub = "xero-" + kind;
        Map<String, String> pos = support.tenancy().read(poll.scope(), () -> support.cursors().find(connectionId, ENTITY, sub, SyncCursor.SyncMode.INCREMENTAL))
                .map(c -> new HashMap<>(c.position())).orElseGet(HashMap::new);
        String sinceText = pos.getOrDefault("since", "");
        Instant since = sinceText.isEmpty() ? null : Instant.parse(sinceText);
        int page = Integer.parseInt(pos.getOrDefault("page", "1"));
        Instant latest = pos.containsKey("latest") && !pos.get("latest").isEmpty() ? Instant.parse(pos.get("latest")) : since;
        while (true) {
            BillingFeed feed = new BillingFeed();
            Page read = switch (kind) {
                case "contacts" -> read(client.contactsModifiedSince(since, page), latest,
                        c -> feed.customers.add(XeroBillingMapper.contact(c)), c -> c.updatedDateUtc());
                case "invoices" -> read(client.invoicesModifiedSince(since, page), latest,
                        i -> feed.invoices.add(XeroBillingMapper.invoice(i)), i -> i.updatedDateUtc());
                default -> read(client.paymentsModifiedSince(since, page), latest,
                        p -> feed.payments.add(XeroBillingMapper.payment(p)), p -> p.updatedDateUtc());
            };
            Map<String, String> after = new HashMap<>();
            if (read.more()) {
                after.put("since", sinceText);
                after.put("page", Integer.toString(page + 1));
                after.put("latest", read.latest() == null ? "" : read.latest().toString());
            } else {
                Instant next = read.latest() == null ? Instant.EPOCH : read.latest().minus(OVERLAP);
                after.put("since", next.toString());
                after.put("page", "1");
                after.put("latest", "");
            }
            poll.write(feed, () -> support.cursors().save(connectionId, ENTITY, sub, SyncCursor.SyncMode.INCREMENTAL, after, feed.size()));
            if (!read.more()) {
                return;
            }
            page++;
            latest = read.latest();
        }
    }

    private static <T> Page read(XeroPage<T> page, Instant latest, java.util.function.Consumer<T> into,
                                 Function<T, Instant> updated) {
        Instant max = latest;
        for (T item : page.items()) {
            into.accept(item);
            max = max(max, updated.apply(item));
        }
        return new Page(page.hasMore(), max);
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
