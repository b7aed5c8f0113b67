package org.matterhub.connectors.kernel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP byte range (RFC 9110 §14.1.2) to request with {@code Range}: bytes {@code first} to
 * {@code last} inclusive, or from {@code first} to the end when {@code last} is negative.
 *
 * @param first first byte, zero-based
 * @param last  last byte (inclusive), or -1 for "to the end"
 */
public record ByteRange(long first, long last) {

    private static final Pattern CONTENT_RANGE = Pattern.compile("^\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*$");

    public ByteRange {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0");
        }
        if (last >= 0 && last < first) {
            throw new IllegalArgumentException("last must be >= first");
        }
        if (last < 0) {
            last = -1;
        }
    }

    /** Bytes {@code first}..{@code last} inclusive. */
    public static ByteRange of(long first, long last) {
        if (last < 0) {
            throw new IllegalArgumentException("last must be >= 0");
        }
        return new ByteRange(first, last);
    }

    /** Bytes {@code first} to the end (resuming a broken download). */
    public static ByteRange from(long first) {
        return new ByteRange(first, -1);
    }

    /** The {@code Range} header value, e.g. {@code bytes=0-1023}. */
    public String headerValue() {
        return "bytes=" + first + "-" + (last < 0 ? "" : Long.toString(last));
    }

    /** Number of bytes requested, when bounded. */
    public Optional<Long> length() {
        return last < 0 ? Optional.empty() : Optional.of(last - first + 1);
    }

    /**
     * What a 206 response's {@code Content-Range} says.
     *
     * @param first first byte served
     * @param last  last byte served (inclusive)
     * @param total the full content's size, or -1 when the server sent {@code *}
     */
    public record Served(long first, long last, long total) {

        /** Parses {@code bytes a-b/n} (or {@code bytes a-b/*}); empty when absent or not of that form. */
        public static Optional<Served> parse(String contentRange) {
            if (contentRange == null) {
                return Optional.empty();
            }
            Matcher m = CONTENT_RANGE.matcher(contentRange);
            if (!m.matches()) {
                return Optional.empty();
            }
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(2));
            long n = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            if (b < a) {
                return Optional.empty();
            }
            return Optional.of(new Served(a, b, n));
        }

        /** Bytes in this range. */
        public long length() {
            return last - first + 1;
        }
    }
}
