package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.billing.InvoiceFacts;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.mappings.billing.InvoiceResolver;
import org.matterhub.mappings.billing.Money;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link BillingFeed} (canonical billing records) into the portal store, in the caller's transaction (bound to the firm, system actor):
 * customers with the organisation they bill, invoices with their lines, organisation and matter
 * ({@link InvoiceResolver}), payment applications, deletions. A payment that carries a portal posting's marker
 * ({@link #postingMarker}) marks that posting posted, so a firm-recorded payment is the same row whether the
 * posting's answer or the sync saw it first.
 *
 * <p>A record whose amounts the currency cannot hold (too many decimals, overflow, unknown currency) is parked as a
 * dead letter with its content; the rest of the batch is written. Per-connection writes are serialised by an
 * advisory lock, so the scheduler, a webhook and ops never write the same connection at once.
 */
@Component
public class BillingApplier {

    private static final Logger log = LoggerFactory.getLogger(BillingApplier.class);
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final Pattern MARKER = Pattern.compile("matterhub:([0-9a-fA-F-]{36})");

    /** What one apply wrote. */
    public record Outcome(int customers, int invoices, int payments, int deleted, int parked) {
    }

    private final BillingRepository billing;
    private final DeadLetterRepository deadLetters;
    private final JdbcTemplate jdbc;

    public BillingApplier(BillingRepository billing, DeadLetterRepository deadLetters, JdbcTemplate jdbc) {
        this.billing = billing;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
    }

    /** The text a firm-recorded payment carries (QuickBooks PrivateNote, Xero Reference) to name its posting. */
    public static String postingMarker(UUID postingId) {
        return "matterhub:" + postingId;
    }

    /** The posting a payment's reference or memo names, if any. */
    public static Optional<UUID> postingOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Serialises writers of one connection for the rest of the caller's transaction. */
    public void lock(UUID connectionId) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 7))", Object.class,
                "billing:" + connectionId);
    }

    /**
     * What a connection's records are resolved against: the firm's matters and organisations and the connection's
     * customers, read once (in the caller's transaction) for every page of a poll. Customers written by a page are
     * added as they are written.
     *
     * @param vendor the vendor's id, for dead letters and logs
     */
    public record Context(UUID connectionId, String vendor, InvoiceResolver resolver,
                          Map<String, BillingRepository.Customer> customers) {
    }

    /** Reads what {@code connectionId}'s records are resolved against, in the caller's transaction. */
    public Context context(UUID connectionId, String vendor, BillingSettings settings, InvoiceMatterRule defaultRule) {
        List<InvoiceResolver.Matter> matters = new ArrayList<>();
        billing.mattersByNumber().forEach((number, ref) -> matters.add(
                new InvoiceResolver.Matter(ref.id(), number, null, ref.clientOrgId())));
        List<InvoiceResolver.Org> orgs = new ArrayList<>();
        billing.clientOrgsByName().forEach((name, id) -> orgs.add(new InvoiceResolver.Org(id, name)));
        return new Context(connectionId, vendor, new InvoiceResolver(settings, defaultRule, matters, orgs),
                new HashMap<>(billing.customers(connectionId)));
    }

    /** Writes {@code feed} in the caller's transaction, holding the connection's write lock. */
    public Outcome apply(Context context, BillingFeed feed) {
        UUID connectionId = context.connectionId();
        String vendor = context.vendor();
        InvoiceResolver resolver = context.resolver();
        lock(connectionId);
        Map<String, BillingRepository.Customer> customers = context.customers();
        int customerCount = 0;
        // parents first, so a sub-customer finds its parent's name
        List<BillingFeed.Customer> ordered = new ArrayList<>(feed.customers);
        ordered.sort((a, b) -> Boolean.compare(a.parentExternalId() != null, b.parentExternalId() != null));
        for (BillingFeed.Customer c : ordered) {
            BillingRepository.Customer parent = c.parentExternalId() == null ? null : customers.get(c.parentExternalId());
            UUID org = resolver.orgOfCustomer(c.externalId(), c.name(), parent == null ? null : parent.name())
                    .orElse(parent == null ? null : parent.clientOrgId());
            BillingRepository.Customer row = new BillingRepository.Customer(connectionId, c.externalId(), c.name(),
                    c.parentExternalId(), org, c.active(), c.updatedAt());
            billing.upsertCustomer(row);
            customers.put(c.externalId(), row);
            customerCount++;
        }

        int invoices = 0;
        int parked = 0;
        for (BillingFeed.Invoice inv : feed.invoices) {
            try {
                billing.upsertInvoice(toRow(connectionId, inv, customers, resolver));
                invoices++;
            } catch (IllegalArgumentException | ArithmeticException e) {
                park(connectionId, vendor, "invoice", inv.externalId(), inv, e);
                parked++;
            }
        }
        int payments = 0;
        for (BillingFeed.Payment p : feed.payments) {
            try {
                Money amount = Money.of(p.amount(), p.currency());
                UUID posting = postingOf(p.reference()).orElse(null);
                boolean known = billing.upsertPayment(new BillingRepository.Payment(connectionId, p.externalId(),
                        p.invoiceExternalId(), amount.requireNonNegative("payment amount").minorUnits(),
                        amount.currency().getCurrencyCode(), p.receivedOn(), p.method(), p.reference(), posting,
                        p.updatedAt(), p.deleted()));
                if (known) {
                    payments++;
                } else {
                    log.debug("{} payment {} applies to invoice {} the portal does not hold; skipped", vendor,
                            p.externalId(), p.invoiceExternalId());
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                park(connectionId, vendor, "payment", p.externalId(), p, e);
                parked++;
            }
        }
        int deleted = 0;
        for (String id : feed.deletedInvoices) {
            deleted += billing.markInvoiceDeleted(connectionId, id, null) ? 1 : 0;
        }
        for (String id : feed.deletedPayments) {
            deleted += billing.markPaymentDeleted(connectionId, id);
        }
        return new Outcome(customerCount, invoices, payments, deleted, parked);
    }

    private BillingRepository.Invoice toRow(UUID connectionId, BillingFeed.Invoice inv,
                                            Map<String, BillingRepository.Customer> customers, InvoiceResolver resolver) {
        if (inv.externalId() == null || inv.externalId().isBlank()) {
            throw new IllegalArgumentException("invoice without an id");
        }
        String currency = inv.currency();
        long total = minor(inv.total(), currency, "total");
        long tax = inv.tax() == null ? 0 : minor(inv.tax(), currency, "tax");
        long balance = minor(inv.balance(), currency, "balance");
        BillingRepository.Customer customer = inv.customerExternalId() == null ? null : customers.get(inv.customerExternalId());
        BillingRepository.Customer parent = customer == null || customer.parentExternalId() == null ? null
                : customers.get(customer.parentExternalId());
        String customerName = inv.customerName() != null ? inv.customerName() : customer == null ? null : customer.name();
        UUID customerOrg = customer == null ? resolver.orgOfCustomer(inv.customerExternalId(), customerName, null).orElse(null)
                : customer.clientOrgId();
        InvoiceFacts facts = new InvoiceFacts(customerName, parent == null ? null : parent.name(), inv.className(),
                inv.customFields(), inv.number(), inv.memo(), inv.reference(), inv.tracking());
        InvoiceResolver.Result where = resolver.resolve(facts, customerOrg);
        List<BillingRepository.Line> lines = new ArrayList<>();
        if (inv.lines() != null) {
            for (BillingFeed.Line l : inv.lines()) {
                lines.add(new BillingRepository.Line(l.lineNumber(), l.description(), l.quantity(),
                        l.unitAmount() == null ? null : minorLenient(l.unitAmount(), currency),
                        minor(l.amount(), currency, "line amount"), l.tax() == null ? null : minor(l.tax(), currency, "line tax")));
            }
        }
        return new BillingRepository.Invoice(connectionId, inv.externalId(), inv.number(), inv.customerExternalId(),
                customerName, inv.reference() != null ? inv.reference() : inv.memo(), inv.status(), inv.vendorStatus(),
                Money.currency(currency).getCurrencyCode(), total, tax, balance, inv.issuedOn(), inv.dueOn(),
                inv.syncToken(), inv.updatedAt(), where.clientOrgId(), where.matterId(), where.matterNumber(),
                where.resolution(), inv.paymentUrl(), lines);
    }

    private static long minor(BigDecimal amount, String currency, String what) {
        if (amount == null) {
            throw new IllegalArgumentException("invoice " + what + " missing");
        }
        return Money.of(amount, currency).minorUnits();
    }

    /** Unit prices may carry more decimals than the currency (QuickBooks allows 5 on UnitPrice); they are shown, not summed. */
    private static Long minorLenient(BigDecimal amount, String currency) {
        int digits = Money.currency(currency).getDefaultFractionDigits();
        return amount.setScale(Math.max(digits, 0), java.math.RoundingMode.HALF_EVEN).movePointRight(Math.max(digits, 0))
                .longValueExact();
    }

    private void park(UUID connectionId, String vendor, String what, String id, Object record, Exception e) {
        String payload;
        try {
            payload = JSON.writeValueAsString(record);
        } catch (Exception ex) {
            payload = String.valueOf(record);
        }
        String error = vendor + " " + what + " " + id + " refused: " + e.getMessage();
        deadLetters.add(connectionId, "poll", null, payload, error, "PERMANENT", 1);
        log.warn("{}; parked as a dead letter", error);
    }
}
