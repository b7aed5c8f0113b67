package org.matterhub.routes.documents;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.matterhub.mappings.documents.DmsContainer;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/** What every vendor's {@link DocumentSync} works with: clients, the applier, content copying, the store, cursors, metrics. */
@Component
public record DmsSyncSupport(DmsConnections connections, DmsDocumentApplier applier, DocumentContentFetcher content,
                             DmsRepository dms, SyncCursorRepository cursors, ConnectionRepository connectionRows,
                             Tenancy tenancy, MeterRegistry meters) {

    /** Records a successful poll of the connection (ops see when it last succeeded). */
    public void recordPoll(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> connectionRows.recordPoll(connectionId, true, null));
    }

    /** Counts records a sync applied, per vendor, connection, entity and mode. */
    public void count(String vendor, UUID connectionId, String entity, String mode, int records) {
        meters.counter("matterhub.sync.records", "vendor", vendor, "connection", connectionId.toString(), "entity", entity,
                "mode", mode).increment(records);
    }

    /**
     * Reconciliation's end: every live profile of the connection that a complete listing did not return ({@code seen})
     * becomes a tombstone, in one transaction. Returns how many did.
     */
    public int deleteMissing(UUID firmId, UUID connectionId, String vendor, Set<String> seen) {
        return tenancy.write(TenantScope.system(firmId), () -> {
            Set<String> missing = dms.liveExternalIds(connectionId);
            missing.removeAll(seen);
            DmsConnections.Dms conn = connections.load(firmId, connectionId);
            applier.apply(connectionId, vendor, conn.settings(), applier.resolver(conn.settings()),
                    missing.stream().map(id -> DmsProfile.tombstone(id, Instant.now())).toList());
            return missing.size();
        });
    }

    /** A canonical workspace or folder as the store's row of {@code connectionId}. */
    public static DmsRepository.Container row(UUID connectionId, DmsContainer c) {
        return new DmsRepository.Container(connectionId, c.externalId(), c.kind(), c.name(), c.parentId(), c.workspaceId(),
                c.clientNumber(), c.matterNumber());
    }
}
