package org.matterhub.connectors.clio;

import org.matterhub.connectors.kernel.ReauthorizationRequiredException;

/**
 * The grant is gone: the refresh token was rejected ({@code invalid_grant}), or a freshly refreshed
 * access token is still refused. Only a firm admin re-running the authorize flow can fix it; the
 * connection must stop and alert.
 */
public class ClioReauthorizationRequiredException extends ReauthorizationRequiredException {

    public ClioReauthorizationRequiredException(String method, String path, int status, String errorType,
                                                String bodyExcerpt) {
        super(ClioClient.VENDOR, method, path, status, errorType, bodyExcerpt);
    }
}
