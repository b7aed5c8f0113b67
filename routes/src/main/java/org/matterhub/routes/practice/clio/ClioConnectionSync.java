package org.matterhub.routes.practice.clio;

import java.util.UUID;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.routes.vendor.ConnectionSync;
import org.matterhub.routes.vendor.VendorErrors;
import org.matterhub.routes.vendor.ClassifiedVendorIdentity;
import org.springframework.stereotype.Component;

/** Clio's ops backfill lever (drops the contact, matter and activity backfill cursors) and its error classifier. */
@Component
class ClioConnectionSync extends ClassifiedVendorIdentity implements ConnectionSync, VendorErrors {

    private final ClioInboundSync sync;

    ClioConnectionSync(ClioInboundSync sync) {
        super(SourceSystem.CLIO, "Clio Manage", new ClioErrorClassifier());
        this.sync = sync;
    }

    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        sync.resetBackfill(firmId, connectionId);
    }
}
