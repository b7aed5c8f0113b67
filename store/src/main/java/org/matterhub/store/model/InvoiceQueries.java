package org.matterhub.store.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The read side of billing (V11): invoices with their lines and payments, payment history, and balances with ageing.
 * Every query is plain SQL run in the caller's scope; row-level security decides what a client sees (org admins and
 * finance users every invoice of their org, members the invoices of matters granted with the {@code invoices} scope,
 * never a draft or deleted invoice nor a deleted payment). The portal view also filters drafts and deleted invoices
 * explicitly, so firm callers of the portal endpoints see what clients see. Money is in minor units of
 * {@code currency}; "today" is always passed in, so ageing is reproducible.
 */
@Repository
public class InvoiceQueries {

    /** The statuses an invoice still owes in. */
    public static final List<String> OPEN_STATUSES = List.of("open", "partially_paid");

    /** Who is looking: the client portal view (no drafts, no deleted invoices) or the firm's own view (all). */
    public enum View { PORTAL, FIRM }

    /**
     * What to list. Null fields do not filter.
     *
     * @param overdue    true: only invoices still owing past their due date; false: only those that are not
     * @param unresolved true: only invoices the hub could tie to no matter; false: only those with a matter
     */
    public record Filter(UUID matterId, UUID clientOrgId, String status, Boolean overdue, Boolean unresolved) {

        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    /** One invoice as lists and the detail show it. {@code daysOverdue} is 0 unless it is overdue. */
    public record InvoiceRow(UUID id, String number, String status, String vendorStatus, String currency,
                             long totalMinor, long taxMinor, long balanceMinor, LocalDate issuedOn, LocalDate dueOn,
                             UUID clientOrgId, String clientOrgName, UUID matterId, String matterDisplayNumber,
                             String matterNumber, String matterResolution, String reference, String customerName,
                             UUID connectionId, long daysOverdue, Instant updatedAt) {

        public boolean overdue() {
            return daysOverdue > 0;
        }

        /** Whether the invoice still owes anything a payment could settle. */
        public boolean payable() {
            return OPEN_STATUSES.contains(status) && balanceMinor > 0;
        }
    }

    public record LineRow(Integer lineNumber, String description, BigDecimal quantity, Long unitMinor, long amountMinor,
                          Long taxMinor) {
    }

    public record PaymentRow(UUID id, UUID invoiceId, String invoiceNumber, long amountMinor, String currency,
                             LocalDate receivedOn, String method, String reference, Instant createdAt) {
    }

    /** One page and the cursor of the next (null on the last page). */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** Open balances by days past due: not yet due (or no due date), 1–30, 31–60, 61–90, over 90. */
    public record Ageing(long currentMinor, long days1To30Minor, long days31To60Minor, long days61To90Minor,
                         long over90Minor) {
    }

    public record OrgBalance(UUID clientOrgId, String clientOrgName, String currency, long balanceMinor,
                             int openInvoices, int overdueInvoices, Ageing ageing) {
    }

    public record MatterBalance(UUID matterId, String matterDisplayNumber, UUID clientOrgId, String currency,
                                long balanceMinor, int openInvoices, int overdueInvoices, Ageing ageing) {
    }

    /** A position in a list ordered newest first: the sort date (null sorts last) and the id breaking ties. */
    public record Cursor(LocalDate date, UUID id) {

        public Cursor {
            Objects.requireNonNull(id, "id");
        }

        public String encode() {
            String raw = (date == null ? "-" : date.toString()) + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** The cursor, or an {@link IllegalArgumentException} when the text is not one this class wrote. */
        public static Cursor decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                String date = raw.substring(0, bar);
                return new Cursor("-".equals(date) ? null : LocalDate.parse(date), UUID.fromString(raw.substring(bar + 1)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
                throw new IllegalArgumentException("cursor '" + text + "' is not a cursor this API returned.");
            }
        }

        String sqlDate() {
            return date == null ? "-infinity" : date.toString();
        }
    }

    private static final String INVOICE_SELECT = """
            select i.id, i.number, i.status, i.vendor_status, i.currency, i.total_minor, i.tax_minor, i.balance_minor,
                   i.issued_on, i.due_on, i.client_org_id, o.name as client_org_name, i.matter_id,
                   coalesce(m.display_number, i.matter_number) as matter_display_number, i.matter_number,
                   i.matter_resolution, i.reference, i.customer_name, i.connection_id, i.updated_at,
                   case when i.status in ('open', 'partially_paid') and i.balance_minor > 0 and i.due_on < ?::date
                        then ?::date - i.due_on else 0 end as days_overdue
              from invoice i
              left join client_org o on o.id = i.client_org_id
              left join matter m on m.id = i.matter_id
            """;

    private static final RowMapper<InvoiceRow> INVOICE = (rs, i) -> new InvoiceRow(rs.getObject("id", UUID.class),
            rs.getString("number"), rs.getString("status"), rs.getString("vendor_status"), rs.getString("currency"),
            rs.getLong("total_minor"), rs.getLong("tax_minor"), rs.getLong("balance_minor"), date(rs, "issued_on"),
            date(rs, "due_on"), rs.getObject("client_org_id", UUID.class), rs.getString("client_org_name"),
            rs.getObject("matter_id", UUID.class), rs.getString("matter_display_number"), rs.getString("matter_number"),
            rs.getString("matter_resolution"), rs.getString("reference"), rs.getString("customer_name"),
            rs.getObject("connection_id", UUID.class), rs.getLong("days_overdue"), instant(rs, "updated_at"));

    private static final RowMapper<PaymentRow> PAYMENT = (rs, i) -> new PaymentRow(rs.getObject("id", UUID.class),
            rs.getObject("invoice_id", UUID.class), rs.getString("invoice_number"), rs.getLong("amount_minor"),
            rs.getString("currency"), date(rs, "received_on"), rs.getString("method"), rs.getString("reference"),
            instant(rs, "created_at"));

    private static final String AGEING_COLUMNS = """
            coalesce(sum(i.balance_minor), 0)::bigint as balance_minor,
            count(*)::int as open_invoices,
            (count(*) filter (where i.balance_minor > 0 and i.due_on < ?::date))::int as overdue_invoices,
            coalesce(sum(i.balance_minor) filter (where i.due_on is null or i.due_on >= ?::date), 0)::bigint as current_minor,
            coalesce(sum(i.balance_minor) filter (where ?::date - i.due_on between 1 and 30), 0)::bigint as d30,
            coalesce(sum(i.balance_minor) filter (where ?::date - i.due_on between 31 and 60), 0)::bigint as d60,
            coalesce(sum(i.balance_minor) filter (where ?::date - i.due_on between 61 and 90), 0)::bigint as d90,
            coalesce(sum(i.balance_minor) filter (where ?::date - i.due_on > 90), 0)::bigint as over90
            """;

    private final JdbcTemplate jdbc;

    public InvoiceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of invoices the caller sees, newest issue date first (undated last), then by id.
     *
     * @param after the cursor of the previous page, or null for the first
     * @param limit page size, at least 1
     */
    public Page<InvoiceRow> list(View view, Filter filter, LocalDate today, Cursor after, int limit) {
        Objects.requireNonNull(filter, "filter");
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of(today.toString(), today.toString()));
        visibility(view, where);
        if (filter.matterId() != null) {
            where.add("i.matter_id = ?");
            args.add(filter.matterId());
        }
        if (filter.clientOrgId() != null) {
            where.add("i.client_org_id = ?");
            args.add(filter.clientOrgId());
        }
        if (filter.status() != null) {
            where.add("i.status = ?");
            args.add(filter.status());
        }
        if (filter.overdue() != null) {
            where.add((filter.overdue() ? "" : "not ") + "(i.status in ('open', 'partially_paid') and i.balance_minor > 0 "
                    + "and coalesce(i.due_on < ?::date, false))");
            args.add(today.toString());
        }
        if (filter.unresolved() != null) {
            where.add(filter.unresolved() ? "i.matter_id is null" : "i.matter_id is not null");
        }
        if (after != null) {
            where.add("(coalesce(i.issued_on, date '-infinity'), i.id) < (?::date, ?::uuid)");
            args.add(after.sqlDate());
            args.add(after.id().toString());
        }
        args.add(limit + 1);
        List<InvoiceRow> rows = jdbc.query(INVOICE_SELECT + whereClause(where)
                + " order by coalesce(i.issued_on, date '-infinity') desc, i.id desc limit ?", INVOICE, args.toArray());
        return page(rows, limit, r -> new Cursor(r.issuedOn(), r.id()));
    }

    /** The invoice, if the caller sees it in this view. */
    public Optional<InvoiceRow> find(View view, UUID id, LocalDate today) {
        List<String> where = new ArrayList<>();
        visibility(view, where);
        where.add("i.id = ?");
        return jdbc.query(INVOICE_SELECT + whereClause(where), INVOICE, today.toString(), today.toString(), id)
                .stream().findFirst();
    }

    public List<LineRow> lines(UUID invoiceId) {
        return jdbc.query("""
                select line_number, description, quantity, unit_minor, amount_minor, tax_minor from invoice_line
                 where invoice_id = ? order by line_number nulls last, created_at, id
                """, (rs, i) -> new LineRow((Integer) rs.getObject("line_number"), rs.getString("description"),
                rs.getBigDecimal("quantity"), (Long) rs.getObject("unit_minor"), rs.getLong("amount_minor"),
                (Long) rs.getObject("tax_minor")), invoiceId);
    }

    /** The payments applied to the invoice, oldest first; payments deleted in the accounting system are left out. */
    public List<PaymentRow> payments(UUID invoiceId) {
        return jdbc.query("""
                select p.id, p.invoice_id, i.number as invoice_number, p.amount_minor, p.currency, p.received_on, p.method,
                       p.reference, p.created_at
                  from payment p join invoice i on i.id = p.invoice_id
                 where p.invoice_id = ? and p.deleted_at is null
                 order by p.received_on, p.created_at, p.id
                """, PAYMENT, invoiceId);
    }

    /**
     * The caller's payment history, newest first: live payments on the invoices the caller sees in the portal view.
     *
     * @param invoiceId only this invoice's payments, or null for all
     */
    public Page<PaymentRow> paymentHistory(UUID invoiceId, Cursor after, int limit) {
        List<String> where = new ArrayList<>(List.of("p.deleted_at is null"));
        List<Object> args = new ArrayList<>();
        visibility(View.PORTAL, where);
        if (invoiceId != null) {
            where.add("p.invoice_id = ?");
            args.add(invoiceId);
        }
        if (after != null) {
            where.add("(p.received_on, p.id) < (?::date, ?::uuid)");
            args.add(after.sqlDate());
            args.add(after.id().toString());
        }
        args.add(limit + 1);
        List<PaymentRow> rows = jdbc.query("""
                select p.id, p.invoice_id, i.number as invoice_number, p.amount_minor, p.currency, p.received_on, p.method,
                       p.reference, p.created_at
                  from payment p join invoice i on i.id = p.invoice_id
                """ + whereClause(where) + " order by p.received_on desc, p.id desc limit ?", PAYMENT, args.toArray());
        return page(rows, limit, r -> new Cursor(r.receivedOn(), r.id()));
    }

    /** What each client organisation the caller sees owes, per currency, with ageing as of {@code today}. */
    public List<OrgBalance> orgBalances(LocalDate today) {
        return jdbc.query("select i.client_org_id, o.name as client_org_name, i.currency, " + AGEING_COLUMNS + """
                  from invoice i left join client_org o on o.id = i.client_org_id
                 where i.status in ('open', 'partially_paid')
                 group by i.client_org_id, o.name, i.currency
                 order by o.name nulls last, i.client_org_id, i.currency
                """, (rs, i) -> new OrgBalance(rs.getObject("client_org_id", UUID.class), rs.getString("client_org_name"),
                rs.getString("currency"), rs.getLong("balance_minor"), rs.getInt("open_invoices"),
                rs.getInt("overdue_invoices"), ageing(rs)), ageingArgs(today));
    }

    /**
     * What each matter the caller sees invoices of owes, per currency, with ageing as of {@code today}. Invoices tied
     * to no matter are left out (they count in {@link #orgBalances}). The display number is the matter's, or the
     * number the invoice names when the caller may not read the matter itself (a finance user).
     */
    public List<MatterBalance> matterBalances(LocalDate today) {
        return jdbc.query("select i.matter_id, max(coalesce(m.display_number, i.matter_number)) as matter_display_number, "
                + "i.client_org_id, i.currency, " + AGEING_COLUMNS + """
                  from invoice i left join matter m on m.id = i.matter_id
                 where i.status in ('open', 'partially_paid') and i.matter_id is not null
                 group by i.matter_id, i.client_org_id, i.currency
                 order by matter_display_number nulls last, i.matter_id, i.currency
                """, (rs, i) -> new MatterBalance(rs.getObject("matter_id", UUID.class),
                rs.getString("matter_display_number"), rs.getObject("client_org_id", UUID.class),
                rs.getString("currency"), rs.getLong("balance_minor"), rs.getInt("open_invoices"),
                rs.getInt("overdue_invoices"), ageing(rs)), ageingArgs(today));
    }

    /**
     * Locks the invoice row for the rest of the caller's transaction (a firm-recorded payment checks the balance
     * against the postings still pending, and two staff recording at once must not both pass). Empty when the caller
     * does not see the invoice.
     */
    public Optional<UUID> lockForPosting(UUID id) {
        return jdbc.query("select id from invoice where id = ? for update", (rs, i) -> rs.getObject(1, UUID.class), id)
                .stream().findFirst();
    }

    /** Days {@code dueOn} lies before {@code today}: 0 when it is not past, or there is none. */
    public static long daysPastDue(LocalDate dueOn, LocalDate today) {
        return dueOn == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(dueOn, today));
    }

    private static void visibility(View view, List<String> where) {
        if (view == View.PORTAL) {
            where.add("i.status not in ('draft', 'deleted')");
        }
    }

    private static String whereClause(List<String> where) {
        return where.isEmpty() ? "" : " where " + String.join(" and ", where);
    }

    private static Object[] ageingArgs(LocalDate today) {
        String t = today.toString();
        return new Object[] {t, t, t, t, t, t};
    }

    private static Ageing ageing(ResultSet rs) throws SQLException {
        return new Ageing(rs.getLong("current_minor"), rs.getLong("d30"), rs.getLong("d60"), rs.getLong("d90"),
                rs.getLong("over90"));
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(items.size() - 1)).encode());
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
