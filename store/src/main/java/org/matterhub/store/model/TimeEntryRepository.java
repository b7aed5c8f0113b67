package org.matterhub.store.model;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.mappings.canonical.CanonicalTimeEntry;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Time entries (V12): what the practice-management sync writes, and what the portal reads under row-level security.
 * A client reads a matter's entries only when the firm shows them and the caller sees the matter's invoices section;
 * firm people read them always. Runs in the caller's transaction and scope.
 */
@Repository
public class TimeEntryRepository {

    /** One time entry as the portal shows it. Amounts in minor units of {@code currency}. */
    public record TimeEntry(UUID id, UUID matterId, LocalDate date, BigDecimal hours, String description, String userName,
                            boolean billable, boolean billed, long amountMinor, String currency, Instant sourceUpdatedAt) {
    }

    private final JdbcTemplate jdbc;

    public TimeEntryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts or updates the entry with {@code connectionId} and its external id (undeleting it), in the scope's firm.
     *
     * @return whether a row was written (false when nothing the portal shows changed)
     */
    public boolean upsert(UUID connectionId, UUID matterId, CanonicalTimeEntry e) {
        UUID firm = TenantContext.current().orElseThrow().firmId();
        return jdbc.update("""
                insert into time_entry (firm_id, matter_id, connection_id, external_id, entry_date, hours, description,
                                        user_name, billable, billed, amount_minor, currency, source_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (connection_id, external_id) do update set
                  matter_id = excluded.matter_id, entry_date = excluded.entry_date, hours = excluded.hours,
                  description = excluded.description, user_name = excluded.user_name, billable = excluded.billable,
                  billed = excluded.billed, amount_minor = excluded.amount_minor, currency = excluded.currency,
                  source_updated_at = excluded.source_updated_at, deleted_at = null, updated_at = now()
                where (time_entry.matter_id, time_entry.entry_date, time_entry.hours, time_entry.description,
                       time_entry.user_name, time_entry.billable, time_entry.billed, time_entry.amount_minor,
                       time_entry.currency, time_entry.deleted_at)
                      is distinct from
                      (excluded.matter_id, excluded.entry_date, excluded.hours, excluded.description, excluded.user_name,
                       excluded.billable, excluded.billed, excluded.amount_minor, excluded.currency, null::timestamptz)
                """, firm, matterId, connectionId, e.externalId(), Date.valueOf(e.date()), e.hours(), e.description(),
                e.userName(), e.billable(), e.billed(), e.amount().minorUnits(), e.amount().currency().getCurrencyCode(),
                e.sourceUpdatedAt() == null ? null : Timestamp.from(e.sourceUpdatedAt())) > 0;
    }

    /** Marks an entry deleted in the source (kept, never shown to clients). Returns whether one was live. */
    public boolean markDeleted(UUID connectionId, String externalId) {
        return jdbc.update("update time_entry set deleted_at = now(), updated_at = now() "
                + "where connection_id = ? and external_id = ? and deleted_at is null", connectionId, externalId) > 0;
    }

    /** External ids of the connection's entries not marked deleted (for reconciliation). */
    public List<String> liveExternalIds(UUID connectionId) {
        return jdbc.queryForList("select external_id from time_entry where connection_id = ? and deleted_at is null",
                String.class, connectionId);
    }

    /** The matter's entries the caller may see, oldest first; deleted ones never. */
    public List<TimeEntry> forMatter(UUID matterId) {
        return jdbc.query("""
                select id, matter_id, entry_date, hours, description, user_name, billable, billed, amount_minor, currency,
                       source_updated_at
                  from time_entry where matter_id = ? and deleted_at is null
                 order by entry_date, external_id
                """, TimeEntryRepository::row, matterId);
    }

    /**
     * The currency a matter is billed in, as far as the hub knows: that of its most recently issued invoice that is
     * not deleted. Empty when the matter has no invoice yet.
     */
    public Optional<String> billingCurrency(UUID matterId) {
        return jdbc.queryForList("""
                select currency from invoice where matter_id = ? and status <> 'deleted'
                 order by issued_on desc nulls last, created_at desc limit 1
                """, String.class, matterId).stream().map(String::strip).findFirst();
    }

    /** Whether the scope's firm shows time entries to its clients. */
    public boolean firmShowsTimeEntries() {
        UUID firm = TenantContext.current().orElseThrow().firmId();
        return jdbc.queryForList("select show_time_entries from firm where id = ?", Boolean.class, firm).stream()
                .findFirst().orElse(false);
    }

    /** Sets whether the scope's firm shows time entries to its clients (firm side only, by row-level security). */
    public void setFirmShowsTimeEntries(boolean show) {
        UUID firm = TenantContext.current().orElseThrow().firmId();
        jdbc.update("update firm set show_time_entries = ? where id = ?", show, firm);
    }

    private static TimeEntry row(ResultSet rs, int n) throws SQLException {
        Timestamp updated = rs.getTimestamp("source_updated_at");
        return new TimeEntry(rs.getObject("id", UUID.class), rs.getObject("matter_id", UUID.class),
                rs.getDate("entry_date").toLocalDate(), rs.getBigDecimal("hours"), rs.getString("description"),
                rs.getString("user_name"), rs.getBoolean("billable"), rs.getBoolean("billed"), rs.getLong("amount_minor"),
                rs.getString("currency"), updated == null ? null : updated.toInstant());
    }
}
