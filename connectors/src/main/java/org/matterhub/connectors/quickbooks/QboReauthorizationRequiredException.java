package org.matterhub.connectors.quickbooks;

import org.matterhub.connectors.kernel.ReauthorizationRequiredException;

/**
 * The grant is gone: the refresh token was rejected ({@code invalid_grant}), the connection has no tokens, a
 * freshly refreshed access token is still refused (fault code 3200), or the token does not grant this realm
 * (3100). Only a firm admin re-running the connect flow can fix it; the connection must stop and alert.
 */
public class QboReauthorizationRequiredException extends ReauthorizationRequiredException {

    public QboReauthorizationRequiredException(String method, String path, int status, String errorCode,
                                               String bodyExcerpt) {
        super(QboClient.VENDOR, method, path, status, errorCode, bodyExcerpt);
    }
}
