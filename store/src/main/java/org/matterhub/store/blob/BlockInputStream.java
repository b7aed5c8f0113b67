package org.matterhub.store.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that reads in blocks (a queue of chunks, a cipher's output, a channel): a subclass writes only the bulk
 * read, {@link #readBlock}, which is always asked for at least one byte; the single-byte read and the empty read
 * ({@code len == 0} answers 0, as {@link InputStream#read(byte[], int, int)} requires) are here, once.
 */
public abstract class BlockInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : readBlock(b, off, len);
    }

    /** Reads at most {@code len} bytes, at least one, into {@code b} from {@code off}: how many, or -1 at the end. */
    protected abstract int readBlock(byte[] b, int off, int len) throws IOException;
}
