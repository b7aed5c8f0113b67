package org.matterhub.connectors.netdocuments;

/** Every HTTP header name the NetDocuments connector reads or writes (matching is case-insensitive). */
public final class NetDocumentsHeaders {

    /** {@code Authorization: Bearer <access token>} on API calls; {@code Basic} on the token endpoint. */
    public static final String AUTHORIZATION = "Authorization";
    /** Required by the API definition on almost every operation; we always ask for JSON (ND-PP). */
    public static final String ACCEPT = "Accept";
    /** Required by the API definition even on many GETs (ND-PP); sent as {@code application/json} there. */
    public static final String CONTENT_TYPE = "Content-Type";
    /** On 429: seconds to wait (an HTTP-date is tolerated too). */
    public static final String RETRY_AFTER = "Retry-After";
    /** Request: one byte range of a download. */
    public static final String RANGE = "Range";
    /** Response of a 206: the range served and the full size. */
    public static final String CONTENT_RANGE = "Content-Range";
    /** Response of a download: {@code attachment; filename="…"}. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";

    private NetDocumentsHeaders() {
    }
}
