package org.matterhub.connectors.imanage;

/** Every HTTP header name the iManage connector reads or writes (matching is case-insensitive). */
public final class ImanageHeaders {

    /** The access token on every API call (iManage convention, IM-FP). */
    public static final String AUTH_TOKEN = "X-Auth-Token";
    /** On 429/503: seconds to wait (an HTTP-date is tolerated too). */
    public static final String RETRY_AFTER = "Retry-After";
    /** Request: one byte range of a download. */
    public static final String RANGE = "Range";
    /** Response of a 206: the range served and the full size. */
    public static final String CONTENT_RANGE = "Content-Range";
    /** Response of a download: {@code attachment; filename="…"}. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";

    private ImanageHeaders() {
    }
}
