package org.matterhub.store.sync;

import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The outbox: written in the portal change's transaction; claimed row by row with FOR UPDATE SKIP LOCKED. */
@Repository
public class OutboxRepository extends QueueTable<OutboxEntry> {

    private static final RowMapper<OutboxEntry> ROW = (rs, i) -> new OutboxEntry(rs.getLong("id"),
            rs.getObject("firm_id", UUID.class), rs.getObject("connection_id", UUID.class), rs.getString("kind"),
            rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class), rs.getString("payload"),
            rs.getString("idempotency_key"), rs.getInt("attempts"));

    public OutboxRepository(JdbcTemplate jdbc) {
        super(jdbc, "outbox", ROW, "delivered", "delivered_at");
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

    public void markDelivered(long id) {
        markDone(id);
    }
}
