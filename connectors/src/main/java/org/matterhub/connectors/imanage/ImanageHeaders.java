package org.matterhub.connectors.imanage;

/**
 * The HTTP header names of the iManage connector (matching is case-insensitive); the standard ones it shares with every
 * vendor are {@link org.matterhub.connectors.kernel.HttpHeaderNames}.
 */
public final class ImanageHeaders {

    /** The access token on every API call (iManage convention, IM-FP). */
    public static final String AUTH_TOKEN = "X-Auth-Token";

    private ImanageHeaders() {
    }
}
