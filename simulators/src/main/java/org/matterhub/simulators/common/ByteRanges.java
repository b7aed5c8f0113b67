package org.matterhub.simulators.common;

import java.util.Locale;

/**
 * Serves stored file content with HTTP range support (RFC 9110 §14): a single {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n} range answers 206 with {@code Content-Range}; an unsatisfiable
 * one answers 416 with {@code Content-Range: bytes *}/size; anything else (no header, several ranges,
 * another unit) answers 200 with the whole content. Always sends {@code Accept-Ranges: bytes}.
 * Content is streamed from the stored array without copying.
 */
public final class ByteRanges {

    private ByteRanges() {
    }

    /**
     * A resolved range.
     *
     * @param start first byte (inclusive)
     * @param end   last byte (inclusive)
     */
    public record Range(long start, long end) {
        public long length() {
            return end - start + 1;
        }
    }

    /** Outcome of parsing a {@code Range} header against a content size. */
    public sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** Serve everything (no usable Range header). */
    public record Whole() implements Outcome {
    }

    /** Serve this range with 206. */
    public record Partial(Range range) implements Outcome {
    }

    /** Answer 416. */
    public record Unsatisfiable() implements Outcome {
    }

    /** Resolves a {@code Range} header value against {@code size}. */
    public static Outcome resolve(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (!h.startsWith("bytes=") || h.contains(",")) {
            return new Whole();
        }
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return new Whole();
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new Range(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (start >= size || (!b.isEmpty() && Long.parseLong(b) < start)) {
                return new Unsatisfiable();
            }
            return new Partial(new Range(start, end));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    /** Answers {@code ex} with {@code content} (or the requested part of it). */
    public static void serve(SimExchange ex, byte[] content, String contentType) {
        ex.responseHeader("Accept-Ranges", "bytes");
        Outcome outcome = resolve(ex.header("Range"), content.length);
        if (outcome instanceof Partial p) {
            ex.responseHeader("Content-Range", "bytes " + p.range().start() + "-" + p.range().end() + "/" + content.length);
            ex.sendSlice(206, contentType, content, (int) p.range().start(), (int) p.range().length());
        } else if (outcome instanceof Unsatisfiable) {
            ex.responseHeader("Content-Range", "bytes */" + content.length);
            ex.sendEmpty(416);
        } else {
            ex.sendSlice(200, contentType, content, 0, content.length);
        }
    }
}
