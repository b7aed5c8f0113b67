package org.matterhub.routes.billing.quickbooks;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.VendorAdapter;

/** What every QuickBooks Online billing adapter says about itself. */
abstract class QuickBooksAdapter implements VendorAdapter {

    @Override
    public SourceSystem system() {
        return SourceSystem.QUICKBOOKS;
    }

    @Override
    public String displayName() {
        return "QuickBooks Online";
    }
}
