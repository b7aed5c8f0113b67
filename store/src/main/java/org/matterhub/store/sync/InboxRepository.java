package org.matterhub.store.sync;

import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The webhook inbox, deduplicated by (connection, vendor event id). */
@Repository
public class InboxRepository extends QueueTable<InboxEntry> {

    private static final RowMapper<InboxEntry> ROW = (rs, i) -> new InboxEntry(rs.getLong("id"),
            rs.getObject("firm_id", UUID.class), rs.getObject("connection_id", UUID.class), rs.getString("vendor"),
            rs.getString("event_id"), rs.getString("payload"), rs.getInt("attempts"));

    public InboxRepository(JdbcTemplate jdbc) {
        super(jdbc, "inbox", ROW, "processed", "processed_at");
    }

    /** Stores the event unless already stored; true when it is new. */
    public boolean insertIfAbsent(UUID connectionId, String vendor, String eventId, String payload) {
        return jdbc.update("""
                insert into inbox (firm_id, connection_id, vendor, event_id, payload) values (?, ?, ?, ?, ?)
                on conflict (connection_id, event_id) do nothing
                """, TenantContext.current().orElseThrow().firmId(), connectionId, vendor, eventId, payload) == 1;
    }

    public void markProcessed(long id) {
        markDone(id);
    }
}
