package org.matterhub.connectors.imanage;

import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/** 404 on a single resource: deleted in iManage, or not visible to this user. A tombstone hint. */
public class ImanageNotFoundException extends VendorHttpException {

    public ImanageNotFoundException(String method, String path, String errorCode, String bodyExcerpt) {
        super(ImanageClient.VENDOR, method, path, 404, Optional.empty(), errorCode, bodyExcerpt);
    }
}
