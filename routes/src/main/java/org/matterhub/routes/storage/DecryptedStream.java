package org.matterhub.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.function.Supplier;
import org.matterhub.store.blob.BlockInputStream;

/**
 * The plaintext Tink releases, segment by segment, each authenticated before any of its bytes: at most
 * {@code length} bytes from plaintext offset {@code first}. Tink reports a segment that fails authentication, and
 * a blob no key of the firm's keyset opens, as a plain {@link IOException}; this stream tells those apart from the
 * object store's own failures (which it rethrows unchanged) and raises a {@link BlobIntegrityException} naming the
 * segment. Closing it closes the GET below, dropping the connection when the blob was not read to its end.
 */
final class DecryptedStream extends BlockInputStream {

    private final InputStream plaintext;
    private final Supplier<IOException> storeFailure;
    private final String objectKey;
    private long position;
    private long remaining;

    DecryptedStream(InputStream plaintext, long first, long length, Supplier<IOException> storeFailure, String objectKey) {
        this.plaintext = plaintext;
        this.position = first;
        this.remaining = length;
        this.storeFailure = storeFailure;
        this.objectKey = objectKey;
    }

    /** Plaintext from Tink's seekable channel, read from where the channel stands. */
    static InputStream of(SeekableByteChannel channel) {
        return new BlockInputStream() {
            @Override
            protected int readBlock(byte[] b, int off, int len) throws IOException {
                ByteBuffer into = ByteBuffer.wrap(b, off, len);
                int n;
                do {
                    n = channel.read(into);
                } while (n == 0);
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    protected int readBlock(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        // One read never crosses a segment's end: Tink would drop what it had copied of this segment when the next
        // one fails, and the caller would not get every authenticated byte before the failure.
        long segmentEnd = SegmentLayout.TINK.plaintextStart(SegmentLayout.TINK.segmentOf(position) + 1);
        int n;
        try {
            n = plaintext.read(b, off, (int) Math.min(len, Math.min(remaining, segmentEnd - position)));
        } catch (IOException e) {
            IOException store = storeFailure.get();
            if (store != null) {
                throw store;
            }
            throw new BlobIntegrityException("Chunk " + SegmentLayout.TINK.segmentOf(position) + " of " + objectKey
                    + " failed authentication: altered, moved, truncated, or sealed under a key the firm does not hold", e);
        }
        if (n > 0) {
            position += n;
            remaining -= n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
    }
}
