package org.matterhub.routes.dms;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/** What both DMS syncs work with: clients, the applier, content copying, the store, cursors, metrics. */
@Component
public record DmsSyncSupport(DmsConnections connections, DmsDocumentApplier applier, DocumentContentFetcher content,
                             DmsRepository dms, SyncCursorRepository cursors, ConnectionRepository connectionRows,
                             Tenancy tenancy, MeterRegistry meters) {

    /** Records a successful poll of the connection (ops see when it last succeeded). */
    void recordPoll(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> connectionRows.recordPoll(connectionId, true, null));
    }

    /** Counts records a sync applied, per vendor, connection, entity and mode. */
    void count(String vendor, UUID connectionId, String entity, String mode, int records) {
        meters.counter("matterhub.sync.records", "vendor", vendor, "connection", connectionId.toString(), "entity", entity,
                "mode", mode).increment(records);
    }
}
