package org.matterhub.connectors.clio;

import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/** 412: the resource changed in Clio since the ETag we sent in {@code If-Match}. Re-read and re-decide. */
public class ClioPreconditionFailedException extends VendorHttpException {

    public ClioPreconditionFailedException(String method, String path, String errorType, String bodyExcerpt) {
        super(ClioClient.VENDOR, method, path, 412, Optional.empty(), errorType, bodyExcerpt);
    }
}
