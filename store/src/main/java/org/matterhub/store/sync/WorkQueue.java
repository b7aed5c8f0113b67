package org.matterhub.store.sync;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Cross-firm entry points of the engine. They return ids only (through SECURITY DEFINER functions); the
 * work itself then runs in a transaction bound to that row's firm.
 */
@Repository
public class WorkQueue {

    /** A unit of due work: an outbox or inbox row id and the firm it belongs to. */
    public record DueItem(long id, UUID firmId) {
    }

    /** A connection of some vendor, as the schedulers see it. */
    public record ConnectionHandle(UUID connectionId, UUID firmId, String status) {
    }

    private final JdbcTemplate jdbc;

    public WorkQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<DueItem> due(String kind, int limit) {
        return jdbc.query("select id, firm_id from mh_due_work(?, ?)",
                (rs, i) -> new DueItem(rs.getLong(1), rs.getObject(2, UUID.class)), kind, limit);
    }

    public List<ConnectionHandle> connections(String vendor) {
        return jdbc.query("select connection_id, firm_id, status from mh_connections(?)",
                (rs, i) -> new ConnectionHandle(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)),
                vendor);
    }

    /** The firm a connection belongs to, or null when no such connection exists. */
    public UUID firmOfConnection(UUID connectionId) {
        return jdbc.queryForObject("select mh_connection_firm(?)", UUID.class, connectionId);
    }
}
