package org.matterhub.connectors.clio;

import java.util.Optional;
import org.matterhub.connectors.kernel.VendorHttpException;

/**
 * The grant is gone: the refresh token was rejected ({@code invalid_grant}), or a freshly refreshed
 * access token is still refused. Only a firm admin re-running the authorize flow can fix it; the
 * connection must stop and alert.
 */
public class ClioReauthorizationRequiredException extends VendorHttpException {

    public ClioReauthorizationRequiredException(String method, String path, int status, String errorType,
                                                String bodyExcerpt) {
        super(ClioClient.VENDOR, method, path, status, Optional.empty(), errorType, bodyExcerpt);
    }
}
