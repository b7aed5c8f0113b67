package org.matterhub.routes.billing;

import java.util.List;
import java.util.UUID;
import org.matterhub.routes.engine.ConnectionPollLocks;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * What every vendor's {@link BillingSync} works with: the connection's poll lock, and its cursors
 * {@code (connection, "billing", sub)}, where each vendor names its subs (QuickBooks one, Xero one per kind) and an
 * incremental cursor always carries {@code since}, where the next incremental read starts.
 */
@Component
public record BillingSyncSupport(ConnectionPollLocks locks, SyncCursorRepository cursors, Tenancy tenancy) {

    /** The cursors' entity. */
    public static final String ENTITY = "billing";
    /** The incremental cursor's field: where the next incremental read starts. */
    public static final String SINCE = "since";

    /** Whether every one of {@code subs} reads incrementally: the connection's backfill is complete. */
    public boolean incremental(UUID firmId, UUID connectionId, List<String> subs) {
        return tenancy.read(TenantScope.system(firmId), () -> subs.stream().allMatch(sub -> cursors
                .find(connectionId, ENTITY, sub, SyncCursor.SyncMode.INCREMENTAL)
                .map(c -> c.get(SINCE) != null && !c.get(SINCE).isEmpty()).orElse(false)));
    }

    /** Drops the backfill and incremental cursors of {@code subs}, once a running poll of the connection is done. */
    public void reset(UUID firmId, UUID connectionId, List<String> subs) {
        locks.holding(connectionId, () -> tenancy.write(TenantScope.system(firmId), () -> {
            for (String sub : subs) {
                cursors.delete(connectionId, ENTITY, sub, SyncCursor.SyncMode.BACKFILL);
                cursors.delete(connectionId, ENTITY, sub, SyncCursor.SyncMode.INCREMENTAL);
            }
            return null;
        }));
    }
}
