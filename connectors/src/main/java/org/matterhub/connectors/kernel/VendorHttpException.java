package org.matterhub.connectors.kernel;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor answered with a non-success HTTP status.
 *
 * <p>{@link #bodyExcerpt()} is a bounded excerpt of the vendor's error message (never of our request),
 * so it is safe to log and to store in a dead letter.
 */
public class VendorHttpException extends VendorException {

    /** Longest body excerpt kept. */
    public static final int MAX_EXCERPT = 300;

    private final int status;
    private final Duration retryAfter;
    private final String errorType;
    private final String bodyExcerpt;

    public VendorHttpException(String vendor, String method, String path, int status,
                               Optional<Duration> retryAfter, String errorType, String bodyExcerpt) {
        this(vendor, method, path, status, retryAfter, errorType, bodyExcerpt, null);
    }

    public VendorHttpException(String vendor, String method, String path, int status,
                               Optional<Duration> retryAfter, String errorType, String bodyExcerpt,
                               Throwable cause) {
        super(vendor, describe(vendor, method, path, status, errorType, bodyExcerpt), cause);
        this.status = status;
        this.retryAfter = retryAfter == null ? null : retryAfter.orElse(null);
        this.errorType = errorType;
        this.bodyExcerpt = excerpt(bodyExcerpt);
    }

    /** The HTTP status the vendor returned. */
    public int status() {
        return status;
    }

    /** The vendor's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The vendor's machine-readable error type (Clio {@code error.type}, OAuth {@code error}), or null. */
    public String errorType() {
        return errorType;
    }

    /** A bounded excerpt of the vendor's error message, or null. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** Truncates {@code text} to {@link #MAX_EXCERPT} characters and flattens line breaks. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() <= MAX_EXCERPT ? flat : flat.substring(0, MAX_EXCERPT) + "…";
    }

    private static String describe(String vendor, String method, String path, int status,
                                   String errorType, String body) {
        StringBuilder sb = new StringBuilder(vendor).append(' ').append(method).append(' ').append(path)
                .append(" -> HTTP ").append(status);
        if (errorType != null) {
            sb.append(' ').append(errorType);
        }
        String ex = excerpt(body);
        if (ex != null && !ex.isEmpty()) {
            sb.append(": ").append(ex);
        }
        return sb.toString();
    }
}
