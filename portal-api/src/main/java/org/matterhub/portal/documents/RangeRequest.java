package org.matterhub.portal.documents;

import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP {@code Range} request header (RFC 9110 §14) resolved against a content length. One byte range is served
 * as 206; a header that is malformed, names another unit or several ranges, or whose {@code If-Range} validator
 * does not match, is ignored (the whole content, 200), as RFC 9110 permits; a syntactically valid range that
 * starts at or after the end is unsatisfiable (416).
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
        if (!h.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return new Whole();
        }
        String spec = h.substring(6).trim();
        if (spec.isEmpty() || spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> first = number(spec.substring(0, dash).trim());
        Optional<Long> last = number(spec.substring(dash + 1).trim());
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            // suffix range: the last N bytes
            if (last.isEmpty()) {
                return new Whole();
            }
            long n = last.get();
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
        }
        if (first.isEmpty() || (!lastText.isEmpty() && last.isEmpty())) {
            return new Whole();
        }
        long a = first.get();
        if (last.isPresent() && last.get() < a) {
            return new Whole();
        }
        if (a >= size) {
            return new Unsatisfiable();
        }
        long b = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
        return new Partial(new ByteRange(a, b));
    }

    private static Optional<Long> number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
