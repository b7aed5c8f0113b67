package org.matterhub.routes.vendor;

import org.matterhub.connectors.kernel.ErrorClassifier;

/** The port through which a vendor says how its failures are classified (retriable, re-authorise, permanent). */
public interface VendorErrors extends VendorAdapter {

    /** The vendor's classifier. */
    ErrorClassifier errors();
}
