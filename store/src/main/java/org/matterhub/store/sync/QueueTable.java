package org.matterhub.store.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A table of work handled row by row (the webhook inbox, the outbox): a due {@code pending} row is locked for the
 * caller's transaction with FOR UPDATE SKIP LOCKED, then marked done, rescheduled with its error, or dead; a dead row
 * can be put back in the queue. The table and its done state are the subclass's constants, never input.
 *
 * @param <E> the table's row
 */
public abstract class QueueTable<E> {

    protected final JdbcTemplate jdbc;
    private final String table;
    private final RowMapper<E> row;
    private final String doneStatus;
    private final String doneAt;

    /**
     * @param doneStatus the status of a handled row ({@code processed}, {@code delivered})
     * @param doneAt     the column that records when it was handled
     */
    protected QueueTable(JdbcTemplate jdbc, String table, RowMapper<E> row, String doneStatus, String doneAt) {
        this.jdbc = jdbc;
        this.table = table;
        this.row = row;
        this.doneStatus = doneStatus;
        this.doneAt = doneAt;
    }

    /** Locks a due row for this transaction; empty when another node holds it or it is no longer due. */
    public Optional<E> claim(long id) {
        return jdbc.query("select * from " + table + " where id = ? and status = 'pending' and next_attempt_at <= now() "
                + "for update skip locked", row, id).stream().findFirst();
    }

    /** The row was handled: it leaves the queue. */
    protected void markDone(long id) {
        jdbc.update("update " + table + " set status = '" + doneStatus + "', " + doneAt + " = now(), "
                + "attempts = attempts + 1, last_error = null where id = ?", id);
    }

    public void reschedule(long id, Instant nextAttempt, String error) {
        jdbc.update("update " + table + " set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
                Timestamp.from(nextAttempt), error, id);
    }

    public void markDead(long id, String error) {
        jdbc.update("update " + table + " set status = 'dead', attempts = attempts + 1, last_error = ? where id = ?",
                error, id);
    }

    /** Puts a dead row back in the queue (replay from the ops API); attempts start again. */
    public void revive(long id) {
        jdbc.update("update " + table + " set status = 'pending', attempts = 0, next_attempt_at = now() where id = ? "
                + "and status = 'dead'", id);
    }

    /** The connection's rows waiting to be handled. */
    public long depth(UUID connectionId) {
        return jdbc.queryForObject("select count(*) from " + table + " where connection_id = ? and status = 'pending'",
                Long.class, connectionId);
    }
}
