package org.matterhub.store.model;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The firm side of billing (V11): what the accounting sync writes (customers, invoices with their lines, payments),
 * the payments staff record for posting, and reconciliation runs. Amounts are minor units of {@code currency}.
 * The sync is the only writer of amounts, balances and statuses; clients read invoices through
 * {@link InvoiceQueries} under row-level security.
 */
@Repository
public class BillingRepository {

    /** A QuickBooks customer or Xero contact, and the client organisation it bills. */
    public record Customer(UUID connectionId, String externalId, String name, String parentExternalId, UUID clientOrgId,
                           boolean active, Instant sourceUpdatedAt) {
    }

    /** One invoice line as the accounting system reports it. */
    public record Line(int lineNumber, String description, BigDecimal quantity, Long unitMinor, long amountMinor,
                       Long taxMinor) {
    }

    /**
     * An invoice as the accounting system reports it, with the organisation and matter the hub resolved.
     *
     * @param status           the portal status: draft, open, partially_paid, paid, void or deleted
     * @param matterResolution null when {@code matterId} is set, else why not (no_number, no_matter, org_mismatch)
     */
    public record Invoice(UUID connectionId, String externalId, String number, String customerExternalId,
                          String customerName, String reference, String status, String vendorStatus, String currency,
                          long totalMinor, long taxMinor, long balanceMinor, LocalDate issuedOn, LocalDate dueOn,
                          String syncToken, Instant sourceUpdatedAt, UUID clientOrgId, UUID matterId,
                          String matterNumber, String matterResolution, String paymentUrl, List<Line> lines) {

        public Invoice {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /** A payment applied to one invoice, as the accounting system reports it. */
    public record Payment(UUID connectionId, String externalId, String invoiceExternalId, long amountMinor,
                          String currency, LocalDate receivedOn, String method, String reference, UUID postingId,
                          Instant sourceUpdatedAt, boolean deleted) {
    }

    /** What posting a firm-recorded payment needs to know about its invoice. */
    public record InvoiceRef(UUID id, UUID connectionId, String externalId, String customerExternalId, String currency,
                             long totalMinor, long balanceMinor, String status, UUID clientOrgId, UUID matterId,
                             String paymentUrl, Instant paymentUrlAt) {
    }

    /** A payment staff recorded as received, to be posted to the accounting system once. */
    public record Posting(UUID id, UUID connectionId, UUID invoiceId, long amountMinor, String currency,
                          LocalDate receivedOn, String method, String note, UUID recordedBy, String status,
                          String externalPaymentId, String lastError, Instant createdAt, Instant postedAt) {
    }

    /** The portal's balance of one organisation (or customer the hub could not tie to one) in one currency. */
    public record PortalBalance(UUID clientOrgId, String customerExternalId, String currency, long balanceMinor,
                                Map<String, Long> invoiceBalances) {
    }

    /** One line of a reconciliation run. */
    public record ReconciliationLine(UUID connectionId, UUID runId, UUID clientOrgId, String customerExternalId,
                                     String currency, long portalBalanceMinor, long vendorBalanceMinor,
                                     int invoicesCompared, String differingInvoicesJson, boolean matches, Instant ranAt) {
    }

    /** A matter as invoice matter resolution needs it. */
    public record MatterRef(UUID id, UUID clientOrgId) {
    }

    private static final RowMapper<InvoiceRef> INVOICE_REF = (rs, i) -> new InvoiceRef(rs.getObject("id", UUID.class),
            rs.getObject("connection_id", UUID.class), rs.getString("external_id"), rs.getString("customer_external_id"),
            rs.getString("currency"), rs.getLong("total_minor"), rs.getLong("balance_minor"), rs.getString("status"),
            rs.getObject("client_org_id", UUID.class), rs.getObject("matter_id", UUID.class), rs.getString("payment_url"),
            instant(rs, "payment_url_at"));

    private static final RowMapper<Posting> POSTING = (rs, i) -> new Posting(rs.getObject("id", UUID.class),
            rs.getObject("connection_id", UUID.class), rs.getObject("invoice_id", UUID.class), rs.getLong("amount_minor"),
            rs.getString("currency"), rs.getObject("received_on", LocalDate.class), rs.getString("method"),
            rs.getString("note"), rs.getObject("recorded_by", UUID.class), rs.getString("status"),
            rs.getString("external_payment_id"), rs.getString("last_error"), instant(rs, "created_at"),
            instant(rs, "posted_at"));

    private static final RowMapper<Customer> CUSTOMER = (rs, i) -> new Customer(rs.getObject("connection_id", UUID.class),
            rs.getString("external_id"), rs.getString("name"), rs.getString("parent_external_id"),
            rs.getObject("client_org_id", UUID.class), rs.getBoolean("active"), instant(rs, "source_updated_at"));

    private static final RowMapper<ReconciliationLine> RECONCILIATION = (rs, i) -> new ReconciliationLine(
            rs.getObject("connection_id", UUID.class), rs.getObject("run_id", UUID.class),
            rs.getObject("client_org_id", UUID.class), rs.getString("customer_external_id"), rs.getString("currency"),
            rs.getLong("portal_balance_minor"), rs.getLong("vendor_balance_minor"), rs.getInt("invoices_compared"),
            rs.getString("differing_invoices"), rs.getBoolean("matches"), instant(rs, "ran_at"));

    private final JdbcTemplate jdbc;

    public BillingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ customers

    public void upsertCustomer(Customer c) {
        jdbc.update("""
                insert into billing_customer (firm_id, connection_id, external_id, name, parent_external_id, client_org_id,
                                              active, source_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (connection_id, external_id) do update
                   set name = excluded.name, parent_external_id = excluded.parent_external_id,
                       client_org_id = excluded.client_org_id, active = excluded.active,
                       source_updated_at = excluded.source_updated_at, updated_at = now()
                """, firm(), c.connectionId(), c.externalId(), c.name(), c.parentExternalId(), c.clientOrgId(),
                c.active(), ts(c.sourceUpdatedAt()));
    }

    /** The connection's customers by external id. */
    public Map<String, Customer> customers(UUID connectionId) {
        Map<String, Customer> out = new HashMap<>();
        for (Customer c : jdbc.query("select * from billing_customer where connection_id = ?", CUSTOMER, connectionId)) {
            out.put(c.externalId(), c);
        }
        return out;
    }

    /** Client organisations by lower-cased name, for linking customers by name. */
    public Map<String, UUID> clientOrgsByName() {
        Map<String, UUID> out = new HashMap<>();
        jdbc.query("select id, name from client_org order by created_at", rs -> {
            out.putIfAbsent(rs.getString("name").strip().toLowerCase(Locale.ROOT), rs.getObject("id", UUID.class));
        });
        return out;
    }

    /** Live matters by number and by display number. */
    public Map<String, MatterRef> mattersByNumber() {
        Map<String, MatterRef> out = new HashMap<>();
        jdbc.query("select id, client_org_id, number, display_number from matter where deleted_at is null", rs -> {
            MatterRef ref = new MatterRef(rs.getObject("id", UUID.class), rs.getObject("client_org_id", UUID.class));
            if (rs.getString("number") != null) {
                out.putIfAbsent(rs.getString("number"), ref);
            }
            out.putIfAbsent(rs.getString("display_number"), ref);
        });
        return out;
    }

    // ------------------------------------------------------------------ invoices

    /**
     * Inserts or updates the invoice by its external id and, when anything changed, replaces its lines. Returns the
     * portal invoice id. The payment link is kept when the invoice arrives without one.
     */
    public UUID upsertInvoice(Invoice inv) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                insert into invoice (firm_id, connection_id, external_id, number, customer_external_id, customer_name,
                                     reference, status, vendor_status, currency, total_minor, tax_minor, balance_minor,
                                     issued_on, due_on, sync_token, source_updated_at, client_org_id, matter_id,
                                     matter_number, matter_resolution, payment_url, payment_url_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ?::text is null then null else now() end)
                on conflict (connection_id, external_key) where external_id is not null do update
                   set number = excluded.number, customer_external_id = excluded.customer_external_id,
                       customer_name = excluded.customer_name, reference = excluded.reference, status = excluded.status,
                       vendor_status = excluded.vendor_status, currency = excluded.currency,
                       total_minor = excluded.total_minor, tax_minor = excluded.tax_minor,
                       balance_minor = excluded.balance_minor, issued_on = excluded.issued_on, due_on = excluded.due_on,
                       sync_token = excluded.sync_token, source_updated_at = excluded.source_updated_at,
                       client_org_id = excluded.client_org_id, matter_id = excluded.matter_id,
                       matter_number = excluded.matter_number, matter_resolution = excluded.matter_resolution,
                       payment_url = coalesce(excluded.payment_url, invoice.payment_url),
                       payment_url_at = coalesce(excluded.payment_url_at, invoice.payment_url_at),
                       updated_at = now()
                 where (invoice.number, invoice.customer_external_id, invoice.customer_name, invoice.reference,
                        invoice.status, invoice.vendor_status, invoice.currency, invoice.total_minor, invoice.tax_minor,
                        invoice.balance_minor, invoice.issued_on, invoice.due_on, invoice.sync_token,
                        invoice.client_org_id, invoice.matter_id, invoice.matter_number, invoice.matter_resolution)
                       is distinct from
                       (excluded.number, excluded.customer_external_id, excluded.customer_name, excluded.reference,
                        excluded.status, excluded.vendor_status, excluded.currency, excluded.total_minor,
                        excluded.tax_minor, excluded.balance_minor, excluded.issued_on, excluded.due_on,
                        excluded.sync_token, excluded.client_org_id, excluded.matter_id, excluded.matter_number,
                        excluded.matter_resolution)
                    or (excluded.payment_url is not null and excluded.payment_url is distinct from invoice.payment_url)
                returning id, (xmax = 0) as inserted
                """, firm(), inv.connectionId(), inv.externalId(), inv.number(), inv.customerExternalId(),
                inv.customerName(), inv.reference(), inv.status(), inv.vendorStatus(), inv.currency(), inv.totalMinor(),
                inv.taxMinor(), inv.balanceMinor(), date(inv.issuedOn()), date(inv.dueOn()), inv.syncToken(),
                ts(inv.sourceUpdatedAt()), inv.clientOrgId(), inv.matterId(), inv.matterNumber(),
                inv.matterResolution(), inv.paymentUrl(), inv.paymentUrl());
        if (rows.isEmpty()) {
            return invoiceId(inv.connectionId(), inv.externalId()).orElseThrow();
        }
        UUID id = (UUID) rows.get(0).get("id");
        jdbc.update("delete from invoice_line where invoice_id = ?", id);
        if (!inv.lines().isEmpty()) {
            UUID firm = firm();
            jdbc.batchUpdate("""
                    insert into invoice_line (firm_id, invoice_id, line_number, description, quantity, unit_minor,
                                              amount_minor, tax_minor)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    """, inv.lines(), 100, (ps, l) -> {
                ps.setObject(1, firm);
                ps.setObject(2, id);
                ps.setInt(3, l.lineNumber());
                ps.setString(4, l.description());
                ps.setBigDecimal(5, l.quantity());
                ps.setObject(6, l.unitMinor());
                ps.setLong(7, l.amountMinor());
                ps.setObject(8, l.taxMinor());
            });
        }
        return id;
    }

    /** Marks the invoice deleted in the accounting system; clients stop seeing it. */
    public boolean markInvoiceDeleted(UUID connectionId, String externalId, Instant at) {
        return jdbc.update("""
                update invoice set status = 'deleted', balance_minor = 0, source_updated_at = coalesce(?, source_updated_at),
                                   updated_at = now()
                 where connection_id = ? and external_key = md5(?)::uuid and external_id = ? and status <> 'deleted'
                """, ts(at), connectionId, externalId, externalId) > 0;
    }

    public Optional<UUID> invoiceId(UUID connectionId, String externalId) {
        return jdbc.query("select id from invoice where connection_id = ? and external_key = md5(?)::uuid and external_id = ?",
                (rs, i) -> rs.getObject(1, UUID.class), connectionId, externalId, externalId).stream().findFirst();
    }

    public Optional<InvoiceRef> invoice(UUID id) {
        return jdbc.query("select * from invoice where id = ?", INVOICE_REF, id).stream().findFirst();
    }

    public void setPaymentUrl(UUID invoiceId, String url) {
        jdbc.update("update invoice set payment_url = ?, payment_url_at = now() where id = ?", url, invoiceId);
    }

    // ------------------------------------------------------------------ payments

    /**
     * Records the payment's application to its invoice, or its deletion. A payment that names a posting of this hub
     * marks that posting posted. Returns false when the invoice is unknown to the portal.
     */
    public boolean upsertPayment(Payment p) {
        Optional<InvoiceRef> invoice = invoiceId(p.connectionId(), p.invoiceExternalId()).flatMap(this::invoice);
        if (invoice.isEmpty()) {
            return false;
        }
        InvoiceRef inv = invoice.get();
        jdbc.update("""
                insert into payment (firm_id, invoice_id, client_org_id, amount_minor, currency, received_on, method,
                                     connection_id, external_id, reference, posting_id, source_updated_at, deleted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end)
                on conflict (connection_id, external_key, invoice_id) where external_id is not null do update
                   set amount_minor = excluded.amount_minor, currency = excluded.currency,
                       received_on = excluded.received_on, method = coalesce(excluded.method, payment.method),
                       reference = excluded.reference, posting_id = coalesce(excluded.posting_id, payment.posting_id),
                       source_updated_at = excluded.source_updated_at,
                       deleted_at = case when excluded.deleted_at is null then null
                                         else coalesce(payment.deleted_at, excluded.deleted_at) end,
                       updated_at = now()
                """, firm(), inv.id(), inv.clientOrgId(), p.amountMinor(), p.currency(), date(p.receivedOn()),
                p.method(), p.connectionId(), p.externalId(), p.reference(), p.postingId(), ts(p.sourceUpdatedAt()),
                p.deleted());
        if (p.postingId() != null && !p.deleted()) {
            markPosted(p.postingId(), p.externalId());
        }
        return true;
    }

    /** Marks every application of the payment deleted (QuickBooks reports a deleted payment by id only). */
    public int markPaymentDeleted(UUID connectionId, String externalId) {
        return jdbc.update("""
                update payment set deleted_at = now(), updated_at = now()
                 where connection_id = ? and external_key = md5(?)::uuid and external_id = ? and deleted_at is null
                """, connectionId, externalId, externalId);
    }

    /** The external ids of the connection's live payments applied to the invoice. */
    public List<String> paymentExternalIds(UUID invoiceId) {
        return jdbc.queryForList("select external_id from payment where invoice_id = ? and deleted_at is null "
                + "and external_id is not null order by received_on, created_at", String.class, invoiceId);
    }

    // ------------------------------------------------------------------ firm-recorded payments

    /** Adds a posting in the caller's (staff) transaction and returns its id. */
    public UUID insertPosting(UUID connectionId, UUID invoiceId, long amountMinor, String currency, LocalDate receivedOn,
                              String method, String note, UUID recordedBy) {
        return jdbc.queryForObject("""
                insert into payment_posting (firm_id, connection_id, invoice_id, amount_minor, currency, received_on,
                                             method, note, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                """, UUID.class, firm(), connectionId, invoiceId, amountMinor, currency, date(receivedOn), method, note,
                recordedBy);
    }

    public Optional<Posting> posting(UUID id) {
        return jdbc.query("select * from payment_posting where id = ?", POSTING, id).stream().findFirst();
    }

    public List<Posting> postings(UUID invoiceId) {
        return jdbc.query("select * from payment_posting where invoice_id = ? order by created_at", POSTING, invoiceId);
    }

    /** Sum of the invoice's postings not yet read back from the accounting system. */
    public long pendingPostingsMinor(UUID invoiceId) {
        Long sum = jdbc.queryForObject("select coalesce(sum(amount_minor), 0) from payment_posting "
                + "where invoice_id = ? and status = 'pending'", Long.class, invoiceId);
        return sum == null ? 0 : sum;
    }

    public void markPosted(UUID postingId, String externalPaymentId) {
        jdbc.update("""
                update payment_posting set status = 'posted', external_payment_id = ?, last_error = null,
                                           posted_at = coalesce(posted_at, now())
                 where id = ? and (status <> 'posted' or external_payment_id is distinct from ?)
                """, externalPaymentId, postingId, externalPaymentId);
    }

    public void markPostingFailed(UUID postingId, String error) {
        jdbc.update("update payment_posting set status = 'failed', last_error = ? where id = ? and status = 'pending'",
                error, postingId);
    }

    // ------------------------------------------------------------------ reconciliation

    /**
     * The portal's open balances on the connection per organisation (or per customer the hub could not link to one)
     * and currency, with each invoice's balance by external id. Void, deleted and draft invoices owe nothing.
     */
    public List<PortalBalance> portalBalances(UUID connectionId) {
        Map<List<Object>, Map<String, Long>> groups = new HashMap<>();
        jdbc.query("""
                select client_org_id, customer_external_id, currency, external_id, balance_minor from invoice
                 where connection_id = ? and external_id is not null and status not in ('void', 'deleted', 'draft')
                """, rs -> {
            UUID org = rs.getObject("client_org_id", UUID.class);
            List<Object> key = java.util.Arrays.asList(org, org == null ? rs.getString("customer_external_id") : null,
                    rs.getString("currency"));
            groups.computeIfAbsent(key, k -> new HashMap<>()).put(rs.getString("external_id"), rs.getLong("balance_minor"));
        }, connectionId);
        List<PortalBalance> out = new ArrayList<>();
        groups.forEach((k, invoices) -> out.add(new PortalBalance((UUID) k.get(0), (String) k.get(1), (String) k.get(2),
                invoices.values().stream().mapToLong(Long::longValue).sum(), invoices)));
        return out;
    }

    public void insertReconciliation(ReconciliationLine line) {
        jdbc.update("""
                insert into billing_reconciliation (firm_id, connection_id, run_id, client_org_id, customer_external_id,
                                                    currency, portal_balance_minor, vendor_balance_minor,
                                                    invoices_compared, differing_invoices)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                """, firm(), line.connectionId(), line.runId(), line.clientOrgId(), line.customerExternalId(),
                line.currency(), line.portalBalanceMinor(), line.vendorBalanceMinor(), line.invoicesCompared(),
                line.differingInvoicesJson() == null ? "[]" : line.differingInvoicesJson());
    }

    /** The lines of the latest run of each connection of the firm. */
    public List<ReconciliationLine> latestReconciliation() {
        return jdbc.query("""
                select r.* from billing_reconciliation r
                 where r.run_id in (select distinct on (connection_id) run_id from billing_reconciliation
                                     order by connection_id, ran_at desc)
                 order by r.connection_id, r.matches, r.currency, r.client_org_id
                """, RECONCILIATION);
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
