package org.matterhub.routes.storage;

import org.matterhub.connectors.kernel.ByteRange;
/** The requested range starts at or after the blob's end (HTTP 416). */
public class RangeNotSatisfiableException extends IllegalArgumentException {

    private final long size;

    public RangeNotSatisfiableException(ByteRange range, long size) {
        super("Range " + range.headerValue() + " is not satisfiable for a blob of " + size + " bytes");
        this.size = size;
    }

    /** The blob's plaintext size, for the {@code Content-Range: bytes *&#47;size} of a 416 answer. */
    public long size() {
        return size;
    }
}
