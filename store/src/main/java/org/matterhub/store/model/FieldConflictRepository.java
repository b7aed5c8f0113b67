package org.matterhub.store.model;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The losing side of a field conflict, recorded for ops: never silently dropped. */
@Repository
public class FieldConflictRepository {

    private final JdbcTemplate jdbc;

    public FieldConflictRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String entityType, UUID entityId, String field, String ownerSystem, String keptValue,
                       String lostSystem, String lostValue) {
        jdbc.update("""
                insert into field_conflict (firm_id, entity_type, entity_id, field, owner_system, kept_value, lost_system, lost_value)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, TenantContext.current().orElseThrow().firmId(), entityType, entityId, field, ownerSystem, keptValue,
                lostSystem, lostValue);
    }

    public List<Map<String, Object>> recent(int limit) {
        return jdbc.queryForList("select entity_type, entity_id, field, owner_system, kept_value, lost_system, lost_value, "
                + "occurred_at from field_conflict order by id desc limit ?", limit);
    }
}
