package org.matterhub.store.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cursors are rows, saved in the transaction of the page they describe. */
@Repository
public class SyncCursorRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;

    public SyncCursorRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SyncCursor> find(UUID connectionId, String entity, String subResource, SyncCursor.SyncMode mode) {
        return jdbc.query("select * from sync_cursor where connection_id = ? and entity = ? and sub_resource = ? and mode = ?",
                (rs, i) -> new SyncCursor(connectionId, entity, subResource, mode, parse(rs.getString("position")),
                        rs.getLong("pages"), rs.getLong("records")),
                connectionId, entity, subResource, mode.name().toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    public List<SyncCursor> forConnection(UUID connectionId) {
        return jdbc.query("select * from sync_cursor where connection_id = ? order by entity, mode",
                (rs, i) -> new SyncCursor(connectionId, rs.getString("entity"), rs.getString("sub_resource"),
                        SyncCursor.SyncMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                        parse(rs.getString("position")), rs.getLong("pages"), rs.getLong("records")), connectionId);
    }

    /** Saves the position reached after a page of {@code records} records. */
    public void save(UUID connectionId, String entity, String subResource, SyncCursor.SyncMode mode,
                     Map<String, String> position, int records) {
        jdbc.update("""
                insert into sync_cursor (firm_id, connection_id, entity, sub_resource, mode, position, pages, records, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, 1, ?, now())
                on conflict (connection_id, entity, sub_resource, mode) do update
                   set position = excluded.position, pages = sync_cursor.pages + 1,
                       records = sync_cursor.records + excluded.records, updated_at = now()
                """, TenantContext.current().orElseThrow().firmId(), connectionId, entity, subResource,
                mode.name().toLowerCase(Locale.ROOT), write(position), records);
    }

    public void delete(UUID connectionId, String entity, String subResource, SyncCursor.SyncMode mode) {
        jdbc.update("delete from sync_cursor where connection_id = ? and entity = ? and sub_resource = ? and mode = ?",
                connectionId, entity, subResource, mode.name().toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt cursor position", e);
        }
    }

    private static String write(Map<String, String> position) {
        try {
            return JSON.writeValueAsString(position);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
