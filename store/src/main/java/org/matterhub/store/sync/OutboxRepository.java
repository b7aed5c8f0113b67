package org.matterhub.store.sync;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The outbox: written in the portal change's transaction; claimed row by row with FOR UPDATE SKIP LOCKED. */
@Repository
public class OutboxRepository {

    private static final RowMapper<OutboxEntry> ROW = (rs, i) -> new OutboxEntry(rs.getLong("id"),
            rs.getObject("firm_id", UUID.class), rs.getObject("connection_id", UUID.class), rs.getString("kind"),
            rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class), rs.getString("payload"),
            rs.getString("idempotency_key"), rs.getInt("attempts"));

    private final JdbcTemplate jdbc;

    public OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a row in the caller's transaction and returns its idempotency key. No RETURNING: a client's own
     * transaction may append to the outbox but not read it.
     */
    public String enqueue(UUID connectionId, String kind, String aggregateType, UUID aggregateId, String payloadJson) {
        String key = kind + ":" + UUID.randomUUID();
        jdbc.update("""
                insert into outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, idempotency_key)
                values (?, ?, ?, ?, ?, ?::jsonb, ?)
                """, TenantContext.current().orElseThrow().firmId(), connectionId, kind, aggregateType,
                aggregateId, payloadJson, key);
        return key;
    }

    /** Locks a due row for this transaction; empty when another node holds it or it is no longer due. */
    public Optional<OutboxEntry> claim(long id) {
        return jdbc.query("select * from outbox where id = ? and status = 'pending' and next_attempt_at <= now() "
                + "for update skip locked", ROW, id).stream().findFirst();
    }

    public void markDelivered(long id) {
        jdbc.update("update outbox set status = 'delivered', delivered_at = now(), attempts = attempts + 1, "
                + "last_error = null where id = ?", id);
    }

    public void reschedule(long id, Instant nextAttempt, String error) {
        jdbc.update("update outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
                Timestamp.from(nextAttempt), error, id);
    }

    public void markDead(long id, String error) {
        jdbc.update("update outbox set status = 'dead', attempts = attempts + 1, last_error = ? where id = ?", error, id);
    }

    /** Puts a dead row back in the queue (replay from the ops API); attempts start again. */
    public void revive(long id) {
        jdbc.update("update outbox set status = 'pending', attempts = 0, next_attempt_at = now() where id = ? "
                + "and status = 'dead'", id);
    }

    public long depth(UUID connectionId) {
        return jdbc.queryForObject("select count(*) from outbox where connection_id = ? and status = 'pending'",
                Long.class, connectionId);
    }
}
