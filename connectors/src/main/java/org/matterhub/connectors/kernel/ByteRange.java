package org.matterhub.connectors.kernel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP byte range (RFC 9110 §14.1.2), the single definition Matterhub uses: what a client asks a vendor for,
 * what a portal download or a blob read is asked for, and, once resolved against a size, which bytes are served.
 *
 * <table>
 *   <caption>The three forms</caption>
 *   <tr><th>form</th><th>factory</th><th>{@code Range} header</th><th>components</th></tr>
 *   <tr><td>closed: bytes {@code first} to {@code last}, both inclusive</td><td>{@link #of(long, long)}</td>
 *       <td>{@code bytes=first-last}</td><td>{@code 0 <= first <= last}</td></tr>
 *   <tr><td>open-ended: from {@code first} to the end, whatever the size</td><td>{@link #from(long)}</td>
 *       <td>{@code bytes=first-}</td><td>{@code first >= 0}, {@code last == }{@link #END}</td></tr>
 *   <tr><td>suffix: the last {@code n} bytes</td><td>{@link #suffix(long)}</td>
 *       <td>{@code bytes=-n}</td><td>{@code first == -n} (negative), {@code last == }{@link #END}</td></tr>
 * </table>
 *
 * <p>Which bytes a range names depends on the content's size, so a range is asked for in any form and
 * {@link #resolve(long) resolved} where the size is known: the result is always a closed range inside the content.
 * As RFC 9110 says, a closed range whose {@code last} lies beyond the end means "to the end" (it is cut to the
 * last byte), a suffix longer than the content means all of it, and a range is <em>unsatisfiable</em> (HTTP 416)
 * when it starts at or after the end, or when it is a suffix of empty content.
 *
 * @param first first byte, zero-based; negative for a suffix range (minus the suffix length)
 * @param last  last byte (inclusive), or {@link #END} for an open-ended or suffix range
 */
public record ByteRange(long first, long last) {

    /** {@link #last()} of a range that runs to the end of the content (open-ended or suffix). */
    public static final long END = -1;

    private static final Pattern CONTENT_RANGE = Pattern.compile("^\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*$");

    /** Normalises any negative {@code last} to {@link #END}; a negative {@code first} (suffix) needs {@code END}. */
    public ByteRange {
        if (last < 0) {
            last = END;
        }
        if (first < 0 && last != END) {
            throw new IllegalArgumentException("a suffix range (negative first) has no last byte");
        }
        if (last != END && last < first) {
            throw new IllegalArgumentException("last must be >= first");
        }
    }

    /** Bytes {@code first}..{@code last}, both inclusive ({@code 0 <= first <= last}). */
    public static ByteRange of(long first, long last) {
        if (first < 0 || last < 0) {
            throw new IllegalArgumentException("first and last must be >= 0");
        }
        return new ByteRange(first, last);
    }

    /** Bytes {@code first} to the end, whatever the size (resuming a broken download). */
    public static ByteRange from(long first) {
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0");
        }
        return new ByteRange(first, END);
    }

    /** The last {@code length} bytes ({@code length > 0}; a suffix of zero bytes is never satisfiable). */
    public static ByteRange suffix(long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("a suffix must be at least one byte long");
        }
        return new ByteRange(-length, END);
    }

    /** Whether both ends are known ({@link #of}). */
    public boolean isClosed() {
        return last != END;
    }

    /** Whether this is "the last n bytes" ({@link #suffix}). */
    public boolean isSuffix() {
        return first < 0;
    }

    /** Whether this runs from a known first byte to the end ({@link #from}). */
    public boolean isOpenEnded() {
        return first >= 0 && last == END;
    }

    /** The {@code Range} header value: {@code bytes=0-1023}, {@code bytes=500-} or {@code bytes=-500}. */
    public String headerValue() {
        if (isSuffix()) {
            return "bytes=" + first;
        }
        return "bytes=" + first + "-" + (last == END ? "" : Long.toString(last));
    }

    /** Number of bytes named, for a closed range; empty when the count depends on the size. */
    public Optional<Long> length() {
        return isClosed() ? Optional.of(last - first + 1) : Optional.empty();
    }

    /**
     * The closed range this one names in content of {@code size} bytes ({@code 0 <= first <= last < size}), or
     * empty when it is unsatisfiable there (HTTP 416).
     */
    public Optional<ByteRange> resolve(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        if (size == 0) {
            return Optional.empty();
        }
        if (isSuffix()) {
            return Optional.of(new ByteRange(Math.max(0, size + first), size - 1));
        }
        if (first >= size) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(first, last == END ? size - 1 : Math.min(last, size - 1)));
    }

    /**
     * What a 206 response's {@code Content-Range} says.
     *
     * @param first first byte served
     * @param last  last byte served (inclusive)
     * @param total the full content's size, or -1 when the server sent {@code *}
     */
    public record Served(long first, long last, long total) {

        /**
         * Parses {@code bytes a-b/n} (or {@code bytes a-b/*}); empty when absent, not of that form, a number beyond
         * a {@code long}, or invalid as RFC 9110 §14.4 says ({@code b < a}, or {@code n <= b}).
         */
        public static Optional<Served> parse(String contentRange) {
            if (contentRange == null) {
                return Optional.empty();
            }
            Matcher m = CONTENT_RANGE.matcher(contentRange);
            if (!m.matches()) {
                return Optional.empty();
            }
            long a;
            long b;
            long n;
            try {
                a = Long.parseLong(m.group(1));
                b = Long.parseLong(m.group(2));
                n = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } catch (NumberFormatException beyondLong) {
                return Optional.empty();
            }
            if (b < a || (n != -1 && n <= b)) {
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
