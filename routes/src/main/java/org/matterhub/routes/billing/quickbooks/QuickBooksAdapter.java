package org.matterhub.routes.billing.quickbooks;

import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.quickbooks.QboErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.ClassifiedVendorIdentity;

/** What every QuickBooks Online billing adapter says about itself, and how the vendor's failures are classified. */
abstract class QuickBooksAdapter extends ClassifiedVendorIdentity {

    /** The product's name as firms know it. */
    static final String NAME = "QuickBooks Online";

    private static final ErrorClassifier ERRORS = new QboErrorClassifier();

    QuickBooksAdapter() {
        super(SourceSystem.QUICKBOOKS, NAME, ERRORS);
    }
}
