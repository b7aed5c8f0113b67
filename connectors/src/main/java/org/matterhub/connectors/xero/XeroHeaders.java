package org.matterhub.connectors.xero;

import java.util.Locale;

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
    /** Response of a 429: which limit was hit, a {@link RateLimitProblem} (XE-LIM ⚠ value set). */
    public static final String RATE_LIMIT_PROBLEM = "X-Rate-Limit-Problem";
    /** Webhook request: standard Base64 HMAC-SHA256 of the raw body under the webhook key (XE-WHS). */
    public static final String SIGNATURE = "x-xero-signature";

    /** The values of {@link #RATE_LIMIT_PROBLEM}: which of Xero's limits a 429 hit. */
    public enum RateLimitProblem {
        /** The per-organisation minute limit. */
        MINUTE,
        /** The per-organisation daily limit. */
        DAY,
        /** The app-wide minute limit. */
        APP_MINUTE,
        /** Too many calls in flight for the organisation. */
        CONCURRENT;

        /** The header value, as Xero sends it: the name in lower case without underscores ({@code appminute}). */
        public String value() {
            return name().toLowerCase(Locale.ROOT).replace("_", "");
        }

        /** Whether a {@link #RATE_LIMIT_PROBLEM} header value (case-insensitive; null for none) names this limit. */
        public boolean is(String headerValue) {
            return value().equalsIgnoreCase(headerValue);
        }
    }

    private XeroHeaders() {
    }
}
