package org.matterhub.connectors.xero;

import org.matterhub.connectors.kernel.ReauthorizationRequiredException;

/**
 * The grant is gone or does not reach the organisation: the refresh token was rejected ({@code invalid_grant}, e.g.
 * unused for 60 days or revoked), the grant has no refresh token, a freshly refreshed access token is still refused,
 * or the organisation is no longer connected (403). Only a firm admin re-running the authorize flow can fix it; the
 * connection must stop and alert.
 */
public class XeroReauthorizationRequiredException extends ReauthorizationRequiredException {

    public XeroReauthorizationRequiredException(String method, String path, int status, String errorCode,
                                                String bodyExcerpt) {
        super(XeroClient.VENDOR, method, path, status, errorCode, bodyExcerpt);
    }
}
