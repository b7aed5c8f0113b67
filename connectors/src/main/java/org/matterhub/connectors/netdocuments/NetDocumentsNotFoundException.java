package org.matterhub.connectors.netdocuments;

import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/** 404 on a single resource: deleted (moved to the recycle bin), or not visible to this user. A tombstone hint. */
public class NetDocumentsNotFoundException extends VendorHttpException {

    public NetDocumentsNotFoundException(String method, String path, String errorCode, String bodyExcerpt) {
        super(NetDocumentsClient.VENDOR, method, path, 404, Optional.empty(), errorCode, bodyExcerpt);
    }
}
