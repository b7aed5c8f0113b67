package org.matterhub.connectors.kernel;

/**
 * The standard HTTP header names {@link VendorExchange} reads and writes for every vendor (matching is
 * case-insensitive). A vendor's own headers are in its {@code *Headers} class.
 */
public final class HttpHeaderNames {

    /** {@code Authorization: Bearer <access token>} on the API calls of most vendors. */
    public static final String AUTHORIZATION = "Authorization";
    /** What the answer may be: JSON unless a call (a download) says otherwise. */
    public static final String ACCEPT = "Accept";
    /** The request body's type; some vendors require it even on a GET. */
    public static final String CONTENT_TYPE = "Content-Type";
    /** On 429/503: seconds to wait, or an HTTP-date. */
    public static final String RETRY_AFTER = "Retry-After";
    /** Request: one byte range of a download ({@link ByteRange#headerValue()}). */
    public static final String RANGE = "Range";
    /** Response of a 206: the range served and the full size ({@link ByteRange.Served}). */
    public static final String CONTENT_RANGE = "Content-Range";
    /** Response of a download: {@code attachment; filename="…"}. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    /** Response: the body's length in bytes. */
    public static final String CONTENT_LENGTH = "Content-Length";
    /** Response: the resource's entity tag. */
    public static final String ETAG = "ETag";
    /** Request: change the resource only if it still has this entity tag (else 412). */
    public static final String IF_MATCH = "If-Match";

    private HttpHeaderNames() {
    }
}
