package org.matterhub.routes.practice;

import org.matterhub.routes.vendor.ConnectFlow;
import org.matterhub.routes.vendor.VendorAdapter;

/**
 * The port through which a practice-management vendor connects a firm's account: the vendor's adapter is the whole
 * {@link ConnectFlow} (the capability has no settings of its own to read), found through the registry by the
 * vendor-neutral connect endpoints.
 */
public interface PracticeConnect extends VendorAdapter, ConnectFlow {

    @Override
    default Class<? extends VendorAdapter> port() {
        return PracticeConnect.class;
    }
}
