package org.matterhub.store.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The sections of a matter's merged view. Each query is plain; row-level security decides what the caller
 * sees (published documents only, granted scopes only, invoices by org role).
 */
@Repository
public class MatterSectionsRepository {

    public record DocumentItem(UUID id, String title, String category, String state, Integer currentVersion, Instant updatedAt) {
    }

    public record MessageItem(UUID id, UUID authorId, String body, Instant createdAt) {
    }

    /** {@code overdue}: the invoice still owes something and its due date is before the day asked about. */
    public record InvoiceItem(UUID id, String number, String status, String currency, long totalMinor, long balanceMinor,
                              LocalDate issuedOn, LocalDate dueOn, boolean overdue) {
    }

    public record AppointmentItem(UUID id, String title, Instant startsAt, Instant endsAt, String location, String status) {
    }

    public record SignatureItem(UUID id, String title, String status, Instant updatedAt) {
    }

    public record Party(String role, String name, String email) {
    }

    private final JdbcTemplate jdbc;

    public MatterSectionsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<DocumentItem> documents(UUID matterId) {
        // The version shown is the latest the caller sees (a client: the latest published), never a draft's number.
        return jdbc.query("select d.id, d.title, d.category, d.state, (select max(v.version_number) from document_version v "
                + "where v.document_id = d.id), d.updated_at from document d where d.matter_id = ? and d.deleted_at is null "
                + "order by d.updated_at desc", (rs, i) -> new DocumentItem(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getString(4), (Integer) rs.getObject(5), instant(rs.getTimestamp(6))), matterId);
    }

    public List<MessageItem> messages(UUID matterId) {
        return jdbc.query("select id, author_id, body, created_at from message where matter_id = ? order by created_at",
                (rs, i) -> new MessageItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        instant(rs.getTimestamp(4))), matterId);
    }

    /** The matter's invoices as the portal shows them (never a draft or a deleted one), overdue as of {@code today}. */
    public List<InvoiceItem> invoices(UUID matterId, LocalDate today) {
        return jdbc.query("select id, number, status, currency, total_minor, balance_minor, issued_on, due_on, "
                + "(status in ('open', 'partially_paid') and balance_minor > 0 and coalesce(due_on < ?::date, false)) "
                + "from invoice where matter_id = ? and status not in ('draft', 'deleted') "
                + "order by issued_on desc nulls last, id", (rs, i) -> new InvoiceItem(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getBoolean(9)),
                today.toString(), matterId);
    }

    public List<AppointmentItem> appointments(UUID matterId) {
        return jdbc.query("select id, title, starts_at, ends_at, location, status from appointment where matter_id = ? "
                + "order by starts_at", (rs, i) -> new AppointmentItem(rs.getObject(1, UUID.class), rs.getString(2),
                instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getString(5), rs.getString(6)), matterId);
    }

    public List<SignatureItem> signatures(UUID matterId) {
        return jdbc.query("select id, title, status, updated_at from signature_request where matter_id = ? "
                + "order by updated_at desc", (rs, i) -> new SignatureItem(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), instant(rs.getTimestamp(4))), matterId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
