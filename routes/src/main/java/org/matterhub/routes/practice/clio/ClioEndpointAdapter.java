package org.matterhub.routes.practice.clio;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.VendorAdapter;

/** What Clio's adapters behind the hub's HTTP endpoints (connect, webhooks) say about themselves. */
abstract class ClioEndpointAdapter implements VendorAdapter {

    @Override
    public SourceSystem system() {
        return SourceSystem.CLIO;
    }

    /** "Clio", as the connect flow's and the webhooks' problems have always named it. */
    @Override
    public String displayName() {
        return "Clio";
    }
}
