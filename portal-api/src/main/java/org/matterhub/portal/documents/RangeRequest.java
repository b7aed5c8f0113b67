package org.matterhub.portal.documents;

import org.matterhub.connectors.kernel.ByteRange;
import java.util.List;
import org.springframework.http.HttpRange;

/**
 * An HTTP {@code Range} request header (RFC 9110 §14), parsed by Spring's {@link HttpRange} and resolved against a
 * content length. One byte range is served as 206; a header that is malformed, names another unit or several ranges,
 * or whose {@code If-Range} validator does not match, is ignored (the whole content, 200), as RFC 9110 permits; a
 * syntactically valid range that starts at or after the end, or a suffix of zero bytes, is unsatisfiable (416).
 */
final class RangeRequest {

    /** The outcome: the whole content, one range of it, or unsatisfiable. */
    sealed interface Resolved permits Whole, Partial, Unsatisfiable {
    }

    record Whole() implements Resolved {
    }

    record Partial(ByteRange range) implements Resolved {
    }

    record Unsatisfiable() implements Resolved {
    }

    private static final String BYTES = "bytes=";

    private RangeRequest() {
    }

    /**
     * @param header  the {@code Range} header, or null
     * @param ifRange the {@code If-Range} header, or null
     * @param etag    the representation's strong entity tag (quoted), or null when it has none
     * @param size    the content length
     */
    static Resolved resolve(String header, String ifRange, String etag, long size) {
        if (header == null) {
            return new Whole();
        }
        if (ifRange != null && (etag == null || !ifRange.trim().equals(etag))) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, BYTES, 0, BYTES.length())) {
            return new Whole();
        }
        List<HttpRange> ranges;
        try {
            // The range unit is case-insensitive (RFC 9110 §14.1); Spring expects it in lower case.
            ranges = HttpRange.parseRanges(BYTES + h.substring(BYTES.length()));
        } catch (IllegalArgumentException malformed) {
            return new Whole(); // includes a last position before the first (bytes=5-2)
        }
        if (ranges.size() != 1) {
            return new Whole();
        }
        HttpRange range = ranges.get(0);
        long first = range.getRangeStart(size);
        long last = range.getRangeEnd(size);
        // A first position at or after the end, and a suffix of zero bytes (bytes=-0), select nothing.
        if (first >= size || last < first) {
            return new Unsatisfiable();
        }
        return new Partial(ByteRange.of(first, last));
    }
}
