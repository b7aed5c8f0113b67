package org.matterhub.benchmarks;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code length} bytes that look random and cost a copy to produce: a 1 MiB random block, repeated, with each
 * repetition's index mixed into its first bytes. The same seed and length give the same bytes.
 */
final class PatternStream extends InputStream {
    private static final int BLOCK = 1 << 20;
    private final byte[] base = new byte[BLOCK];
    private final byte[] block = new byte[BLOCK];
    private final long length;
    private long position;

    PatternStream(long seed, long length) {
        this.length = length;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < BLOCK; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) {
                base[i + j] = (byte) (v >>> (8 * j));
            }
        }
        fill(0);
    }

    private void fill(long index) {
        System.arraycopy(base, 0, block, 0, BLOCK);
        for (int j = 0; j < 8; j++) {
            block[j] ^= (byte) (index >>> (8 * j));
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int inBlock = (int) (position % BLOCK);
        if (inBlock == 0 && position > 0) {
            fill(position / BLOCK);
        }
        int n = (int) Math.min(Math.min(len, BLOCK - inBlock), length - position);
        System.arraycopy(block, inBlock, b, off, n);
        position += n;
        return n;
    }
}
