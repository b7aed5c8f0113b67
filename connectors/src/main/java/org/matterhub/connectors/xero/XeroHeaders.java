package org.matterhub.connectors.xero;

/** Every HTTP header name and header value the Xero connector reads or writes (matching is case-insensitive). */
public final class XeroHeaders {

    /** Request: the organisation of an accounting call (XE-SPEC). */
    public static final String TENANT_ID = "xero-tenant-id";
    /** Request: makes a PUT/POST replay-safe; at most {@value #MAX_IDEMPOTENCY_KEY} characters (XE-SPEC). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Longest {@link #IDEMPOTENCY_KEY} Xero accepts. */
    public static final int MAX_IDEMPOTENCY_KEY = 128;
    /** Response: calls left in the organisation's minute window (XE-LIM). */
    public static final String MIN_LIMIT_REMAINING = "X-MinLimit-Remaining";
    /** Response: calls left in the organisation's rolling day (XE-LIM). */
    public static final String DAY_LIMIT_REMAINING = "X-DayLimit-Remaining";
    /** Response: calls left to the whole app in the minute, across organisations (XE-LIM). */
    public static final String APP_MIN_LIMIT_REMAINING = "X-AppMinLimit-Remaining";
    /** Response of a 429: which limit was hit, one of the {@code PROBLEM_*} values (XE-LIM ⚠ value set). */
    public static final String RATE_LIMIT_PROBLEM = "X-Rate-Limit-Problem";
    /** Webhook request: standard Base64 HMAC-SHA256 of the raw body under the webhook key (XE-WHS). */
    public static final String SIGNATURE = "x-xero-signature";

    /** {@link #RATE_LIMIT_PROBLEM}: the per-organisation minute limit. */
    public static final String PROBLEM_MINUTE = "minute";
    /** {@link #RATE_LIMIT_PROBLEM}: the per-organisation daily limit. */
    public static final String PROBLEM_DAY = "day";
    /** {@link #RATE_LIMIT_PROBLEM}: the app-wide minute limit. */
    public static final String PROBLEM_APP_MINUTE = "appminute";
    /** {@link #RATE_LIMIT_PROBLEM}: too many calls in flight for the organisation. */
    public static final String PROBLEM_CONCURRENT = "concurrent";

    private XeroHeaders() {
    }
}
