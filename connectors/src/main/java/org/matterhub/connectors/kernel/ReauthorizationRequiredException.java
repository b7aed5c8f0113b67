package org.matterhub.connectors.kernel;

import java.util.Optional;

/**
 * The grant is gone: the refresh token was rejected ({@code invalid_grant}), the connection has no refresh token,
 * or a freshly refreshed access token is still refused. Only a firm admin re-running the authorize flow can fix it;
 * the connection must stop and alert. Each vendor has its own subclass; every {@link ErrorClassifier} reads any of
 * them as {@link ErrorClass#REAUTHORIZATION_REQUIRED}.
 */
public class ReauthorizationRequiredException extends VendorHttpException {

    public ReauthorizationRequiredException(String vendor, String method, String path, int status, String errorCode,
                                            String bodyExcerpt) {
        super(vendor, method, path, status, Optional.empty(), errorCode, bodyExcerpt);
    }
}
