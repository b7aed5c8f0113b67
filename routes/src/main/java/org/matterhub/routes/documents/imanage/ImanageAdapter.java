package org.matterhub.routes.documents.imanage;

import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.VendorAdapter;

/** What every iManage Work documents adapter says about itself. */
abstract class ImanageAdapter implements VendorAdapter {

    @Override
    public SourceSystem system() {
        return SourceSystem.IMANAGE;
    }

    @Override
    public String displayName() {
        return ImanageConnect.NAME;
    }
}
