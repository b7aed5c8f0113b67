package org.matterhub.portal.documents;

/**
 * Bytes {@code first..last} of a document version's content, both inclusive and both within the content
 * ({@code 0 <= first <= last < size}): the resolved form of an HTTP {@code Range: bytes=…} request.
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("Invalid byte range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }
}
