package org.matterhub.routes.storage;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code length} bytes of deterministic, incompressible-looking data generated on the fly (no memory beyond one
 * 64 KiB block): the same seed and length always give the same bytes, so a reader can check them by hash.
 */
final class GeneratedStream extends InputStream {

    private static final int BLOCK = 64 * 1024;
    private final byte[] base = new byte[BLOCK];
    private final byte[] block = new byte[BLOCK];
    private final long length;
    private long position;

    GeneratedStream(long seed, long length) {
        this.length = length;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < BLOCK; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) {
                base[i + j] = (byte) (v >>> (8 * j));
            }
        }
        fillBlock(0);
    }

    private void fillBlock(long index) {
        System.arraycopy(base, 0, block, 0, BLOCK);
        long mix = index * 0x9E3779B97F4A7C15L;
        for (int j = 0; j < 8; j++) {
            block[j] ^= (byte) (index >>> (8 * j));
            block[BLOCK / 2 + j] ^= (byte) (mix >>> (8 * j));
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
            fillBlock(position / BLOCK);
        }
        int n = (int) Math.min(Math.min(len, BLOCK - inBlock), length - position);
        System.arraycopy(block, inBlock, b, off, n);
        position += n;
        return n;
    }
}
