package org.matterhub.store.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.matterhub.store.tenancy.TenantContext;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Appends to the hash-chained, append-only audit log in the caller's transaction. The chain is computed by
 * the database (trigger {@code audit_event_chain}); the application role cannot update or delete events.
 */
@Repository
public class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String action, String subjectType, String subjectId, Map<String, ?> details) {
        TenantScope scope = TenantContext.current().orElseThrow();
        try {
            jdbc.update("insert into audit_event (firm_id, actor_user_id, actor_kind, action, subject_type, subject_id, details) "
                            + "values (?, ?, ?, ?, ?, ?, ?::jsonb)", scope.firmId(), scope.userId(),
                    scope.actor().settingValue(), action, subjectType, subjectId, JSON.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be JSON-serialisable", e);
        }
    }

    /** Recomputes the chain of the current firm; true when no event was altered, removed or reordered. */
    public boolean verifyChain() {
        Boolean ok = jdbc.queryForObject("""
                with ordered as (
                  select a.*, lag(hash) over (order by id) as expected_prev from audit_event a)
                select coalesce(bool_and(prev_hash is not distinct from expected_prev and hash = encode(digest(
                         coalesce(prev_hash, '') || '|' || firm_id::text || '|' || occurred_at::text || '|' ||
                         coalesce(actor_user_id::text, '') || '|' || actor_kind || '|' || action || '|' ||
                         subject_type || '|' || coalesce(subject_id, '') || '|' || details::text, 'sha256'), 'hex')), true)
                  from ordered
                """, Boolean.class);
        return Boolean.TRUE.equals(ok);
    }
}
