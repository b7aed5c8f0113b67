package org.matterhub.connectors.xero;

import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/** 404 on a single resource: the id does not exist in this organisation. */
public class XeroNotFoundException extends VendorHttpException {

    public XeroNotFoundException(String method, String path, String errorType, String bodyExcerpt) {
        super(XeroClient.VENDOR, method, path, 404, Optional.empty(), errorType, bodyExcerpt);
    }
}
