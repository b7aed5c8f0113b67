package org.matterhub.connectors.kernel;

import java.io.InputStream;

/**
 * Deterministic bytes of any length, {@code (position * multiplier + offset) & 0xff}, generated on the fly (never held
 * in memory by a test either).
 */
public final class PatternStream extends InputStream {

    private final long size;
    private final int multiplier;
    private final int offset;
    private long pos;

    public PatternStream(long size, int multiplier, int offset) {
        this.size = size;
        this.multiplier = multiplier;
        this.offset = offset;
    }

    @Override
    public int read() {
        return pos < size ? next() : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) next();
        }
        return n;
    }

    private int next() {
        return (int) ((pos++ * multiplier + offset) & 0xff);
    }
}
