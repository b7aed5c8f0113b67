package org.matterhub.store.sync;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class DeadLetterRepository {

    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getLong("id"),
            rs.getObject("connection_id", UUID.class), rs.getString("source"),
            rs.getObject("source_id") == null ? null : rs.getLong("source_id"), rs.getString("payload"),
            rs.getString("error"), rs.getString("error_class"), rs.getInt("attempts"), rs.getString("status"),
            ExternalRefRepository.toInstant(rs.getTimestamp("created_at")),
            ExternalRefRepository.toInstant(rs.getTimestamp("replayed_at")));

    private final JdbcTemplate jdbc;

    public DeadLetterRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long add(UUID connectionId, String source, Long sourceId, String payload, String error, String errorClass,
                    int attempts) {
        return jdbc.queryForObject("""
                insert into dead_letter (firm_id, connection_id, source, source_id, payload, error, error_class, attempts)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                """, Long.class, TenantContext.current().orElseThrow().firmId(), connectionId, source, sourceId, payload,
                error, errorClass, attempts);
    }

    public List<DeadLetter> list(String status, int limit) {
        return jdbc.query("select * from dead_letter where (cast(? as text) is null or status = ?) order by id desc limit ?",
                ROW, status, status, limit);
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("select * from dead_letter where id = ? for update", ROW, id).stream().findFirst();
    }

    public void markReplayed(long id) {
        jdbc.update("update dead_letter set status = 'replayed', replayed_at = now() where id = ?", id);
    }

    public long openCount(UUID connectionId) {
        return jdbc.queryForObject("select count(*) from dead_letter where connection_id = ? and status = 'open'",
                Long.class, connectionId);
    }
}
