package org.matterhub.routes.billing.xero;

import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.xero.XeroErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ClassifiedVendorIdentity;

/** What every Xero billing adapter says about itself, and how the vendor's failures are classified. */
abstract class XeroAdapter extends ClassifiedVendorIdentity {

    /** The product's name as firms know it. */
    static final String NAME = "Xero";

    private static final ErrorClassifier ERRORS = new XeroErrorClassifier();

    XeroAdapter() {
        super(SourceSystem.XERO, NAME, ERRORS);
    }
}
