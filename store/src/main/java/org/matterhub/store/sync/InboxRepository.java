package org.matterhub.store.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The webhook inbox, deduplicated by (connection, vendor event id). */
@Repository
public class InboxRepository {

    private static final RowMapper<InboxEntry> ROW = (rs, i) -> new InboxEntry(rs.getLong("id"),
            rs.getObject("firm_id", UUID.class), rs.getObject("connection_id", UUID.class), rs.getString("vendor"),
            rs.getString("event_id"), rs.getString("payload"), rs.getInt("attempts"));

    private final JdbcTemplate jdbc;

    public InboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event unless already stored; true when it is new. */
    public boolean insertIfAbsent(UUID connectionId, String vendor, String eventId, String payload) {
        return jdbc.update("""
                insert into inbox (firm_id, connection_id, vendor, event_id, payload) values (?, ?, ?, ?, ?)
                on conflict (connection_id, event_id) do nothing
                """, TenantContext.current().orElseThrow().firmId(), connectionId, vendor, eventId, payload) == 1;
    }

    public Optional<InboxEntry> claim(long id) {
        return jdbc.query("select * from inbox where id = ? and status = 'pending' and next_attempt_at <= now() "
                + "for update skip locked", ROW, id).stream().findFirst();
    }

    public void markProcessed(long id) {
        jdbc.update("update inbox set status = 'processed', processed_at = now(), attempts = attempts + 1, "
                + "last_error = null where id = ?", id);
    }

    public void reschedule(long id, Instant nextAttempt, String error) {
        jdbc.update("update inbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
                Timestamp.from(nextAttempt), error, id);
    }

    public void markDead(long id, String error) {
        jdbc.update("update inbox set status = 'dead', attempts = attempts + 1, last_error = ? where id = ?", error, id);
    }

    public void revive(long id) {
        jdbc.update("update inbox set status = 'pending', attempts = 0, next_attempt_at = now() where id = ? "
                + "and status = 'dead'", id);
    }

    public long depth(UUID connectionId) {
        return jdbc.queryForObject("select count(*) from inbox where connection_id = ? and status = 'pending'",
                Long.class, connectionId);
    }
}
