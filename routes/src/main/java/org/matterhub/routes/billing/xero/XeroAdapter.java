package org.matterhub.routes.billing.xero;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.VendorAdapter;

/** What every Xero billing adapter says about itself. */
abstract class XeroAdapter implements VendorAdapter {

    @Override
    public SourceSystem system() {
        return SourceSystem.XERO;
    }

    @Override
    public String displayName() {
        return "Xero";
    }
}
