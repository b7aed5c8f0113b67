package org.matterhub.store.model;

import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Bytes each person uploaded per UTC day (V20), for the per-person daily quota. Runs in the uploader's own scope:
 * row-level security lets a person read and add to their own usage only.
 */
@Repository
public class UploadUsageRepository {

    private static final String TODAY = "(now() at time zone 'utc')::date";

    private final JdbcTemplate jdbc;

    public UploadUsageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Bytes the caller has uploaded today (UTC). */
    public long bytesToday() {
        Long bytes = jdbc.queryForObject("select coalesce(sum(bytes), 0) from upload_usage where user_id = ? and day = "
                + TODAY, Long.class, user());
        return bytes == null ? 0 : bytes;
    }

    /**
     * Adds an upload of {@code bytes} to the caller's usage today unless that would take it over {@code quota};
     * whether it was added. Atomic: of two concurrent uploads that together pass the quota, one is refused.
     */
    public boolean add(long bytes, long quota) {
        if (bytes > quota) {
            return false;
        }
        var context = TenantContext.current().orElseThrow();
        int changed = jdbc.update("insert into upload_usage (firm_id, user_id, day, bytes, uploads) values (?, ?, " + TODAY
                + ", ?, 1) on conflict (firm_id, user_id, day) do update set bytes = upload_usage.bytes + excluded.bytes, "
                + "uploads = upload_usage.uploads + 1 where upload_usage.bytes + excluded.bytes <= ?",
                context.firmId(), context.userId(), bytes, quota);
        return changed == 1;
    }

    private static UUID user() {
        return TenantContext.current().orElseThrow().userId();
    }
}
