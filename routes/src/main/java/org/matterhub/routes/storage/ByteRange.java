package org.matterhub.routes.storage;

/**
 * Plaintext bytes {@code first..last} of a blob, inclusive, as in an HTTP {@code Range: bytes=first-last} header;
 * {@code last} beyond the end means "to the end".
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("Invalid byte range " + first + "-" + last);
        }
    }

    public static ByteRange of(long first, long last) {
        return new ByteRange(first, last);
    }

    /** From {@code first} to the end of the blob ({@code bytes=first-}). */
    public static ByteRange from(long first) {
        return new ByteRange(first, Long.MAX_VALUE);
    }

    public long length() {
        return last == Long.MAX_VALUE ? Long.MAX_VALUE : last - first + 1;
    }
}
