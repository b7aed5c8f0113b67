package org.matterhub.routes.documents.imanage;

import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.imanage.ImanageErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ClassifiedVendorIdentity;

/** What every iManage Work documents adapter says about itself, and how the vendor's failures are classified. */
abstract class ImanageAdapter extends ClassifiedVendorIdentity {

    private static final ErrorClassifier ERRORS = new ImanageErrorClassifier();

    ImanageAdapter() {
        super(SourceSystem.IMANAGE, ImanageConnect.NAME, ERRORS);
    }
}
