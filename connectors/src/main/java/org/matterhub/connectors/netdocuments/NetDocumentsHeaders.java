package org.matterhub.connectors.netdocuments;

/**
 * The HTTP header names of the NetDocuments connector (matching is case-insensitive); the standard ones it shares with every
 * vendor are {@link org.matterhub.connectors.kernel.HttpHeaderNames}.
 */
public final class NetDocumentsHeaders {

    /** Required by the API definition even on many GETs (ND-PP); sent as {@code application/json} there. */
    public static final String CONTENT_TYPE = "Content-Type";

    private NetDocumentsHeaders() {
    }
}
