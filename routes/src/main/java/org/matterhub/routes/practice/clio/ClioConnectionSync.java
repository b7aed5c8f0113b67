package org.matterhub.routes.practice.clio;

import java.util.UUID;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ConnectionSync;
import org.springframework.stereotype.Component;

/** Clio's ops backfill lever: drops the contact, matter and activity backfill cursors. */
@Component
class ClioConnectionSync implements ConnectionSync {

    private final ClioInboundSync sync;

    ClioConnectionSync(ClioInboundSync sync) {
        this.sync = sync;
    }

    @Override
    public SourceSystem system() {
        return SourceSystem.CLIO;
    }

    @Override
    public String displayName() {
        return "Clio Manage";
    }

    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        sync.resetBackfill(firmId, connectionId);
    }
}
