package org.matterhub.routes.documents.netdocuments;

import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.netdocuments.NetDocumentsErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ClassifiedVendorIdentity;

/** What every NetDocuments documents adapter says about itself, and how the vendor's failures are classified. */
abstract class NetDocumentsAdapter extends ClassifiedVendorIdentity {

    private static final ErrorClassifier ERRORS = new NetDocumentsErrorClassifier();

    NetDocumentsAdapter() {
        super(SourceSystem.NETDOCUMENTS, NetDocumentsConnect.NAME, ERRORS);
    }
}
