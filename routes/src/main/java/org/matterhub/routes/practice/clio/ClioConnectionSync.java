package org.matterhub.routes.practice.clio;

import java.util.UUID;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.routes.vendor.ConnectionSync;
import org.matterhub.routes.vendor.VendorErrors;
import org.matterhub.routes.vendor.VendorIdentity;
import org.springframework.stereotype.Component;

/** Clio's ops backfill lever (drops the contact, matter and activity backfill cursors) and its error classifier. */
@Component
class ClioConnectionSync extends VendorIdentity implements ConnectionSync, VendorErrors {

    private final ErrorClassifier errors = new ClioErrorClassifier();

    private final ClioInboundSync sync;

    ClioConnectionSync(ClioInboundSync sync) {
        super(SourceSystem.CLIO, "Clio Manage");
        this.sync = sync;
    }

    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        sync.resetBackfill(firmId, connectionId);
    }

    @Override
    public ErrorClassifier errors() {
        return errors;
    }
}
