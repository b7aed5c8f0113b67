package org.matterhub.routes.documents.netdocuments;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.VendorAdapter;

/** What every NetDocuments documents adapter says about itself. */
abstract class NetDocumentsAdapter implements VendorAdapter {

    @Override
    public SourceSystem system() {
        return SourceSystem.NETDOCUMENTS;
    }

    @Override
    public String displayName() {
        return NetDocumentsConnect.NAME;
    }
}
