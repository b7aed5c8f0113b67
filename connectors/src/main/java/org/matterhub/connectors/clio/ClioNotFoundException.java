package org.matterhub.connectors.clio;

import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/** 404 on a single resource: it was deleted in Clio (or never visible to this grant). A tombstone hint. */
public class ClioNotFoundException extends VendorHttpException {

    public ClioNotFoundException(String method, String path, String errorType, String bodyExcerpt) {
        super(ClioClient.VENDOR, method, path, 404, Optional.empty(), errorType, bodyExcerpt);
    }
}
