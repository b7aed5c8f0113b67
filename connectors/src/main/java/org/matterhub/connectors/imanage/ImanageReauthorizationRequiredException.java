package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.ReauthorizationRequiredException;

/**
 * The grant is gone: the refresh token was rejected ({@code invalid_grant}), the connection has no
 * refresh token, or a freshly refreshed access token is still refused. Only a firm admin re-running the
 * authorize flow can fix it; the connection must stop and alert.
 */
public class ImanageReauthorizationRequiredException extends ReauthorizationRequiredException {

    public ImanageReauthorizationRequiredException(String method, String path, int status, String errorCode,
                                                   String bodyExcerpt) {
        super(ImanageClient.VENDOR, method, path, status, errorCode, bodyExcerpt);
    }
}
