package org.matterhub.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A stored blob as the seekable channel Tink's seekable decrypting channel reads, over ranged GETs: the header is
 * served from the bytes already fetched, and reading at a position opens one GET from there to {@code limit} (the
 * end of the last segment the caller's range needs), which consecutive segment reads then share. A read away from
 * where the open GET stands drops it and opens another. Bytes beyond {@code limit} are never requested.
 */
final class S3RangeChannel implements SeekableByteChannel {

    /** Opens stored bytes {@code first..last} (inclusive). */
    interface RangeGet {
        Opened open(long first, long last) throws IOException;
    }

    /** An open GET: its body, and how to drop its connection from another thread. */
    record Opened(InputStream body, Runnable abort) {
    }

    private final RangeGet get;
    private final long size;
    private final byte[] header;
    private final long limit;
    private long position;
    private InputStream body;
    private volatile Runnable abortBody;
    private long bodyPosition;
    private IOException failure;
    private boolean open = true;

    /**
     * @param size   the stored blob's length
     * @param header its first bytes, already fetched
     * @param limit  the stored offset no read goes past
     */
    S3RangeChannel(RangeGet get, long size, byte[] header, long limit) {
        this.get = get;
        this.size = size;
        this.header = header.clone();
        this.limit = Math.min(limit, size);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (position >= limit) {
            return -1;
        }
        if (position < header.length) {
            int n = (int) Math.min(dst.remaining(), header.length - position);
            dst.put(header, (int) position, n);
            position += n;
            return n;
        }
        try {
            if (body == null || bodyPosition != position) {
                closeBody();
                Opened opened = get.open(position, limit - 1);
                body = opened.body();
                abortBody = opened.abort();
                bodyPosition = position;
            }
            byte[] bytes = dst.hasArray() ? dst.array() : new byte[dst.remaining()];
            int start = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
            int total = 0;
            int wanted = (int) Math.min(dst.remaining(), limit - position);
            while (total < wanted) {
                int n = body.read(bytes, start + total, wanted - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            if (dst.hasArray()) {
                dst.position(dst.position() + total);
            } else {
                dst.put(bytes, 0, total);
            }
            position += total;
            bodyPosition += total;
            return total == 0 ? -1 : total;
        } catch (IOException e) {
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    /** The first failure of the object store, if any: Tink reports it as a key that did not match. */
    IOException failure() {
        return failure;
    }

    /** Drops the open GET's connection, from any thread: a read blocked on it fails at once. */
    void abort() {
        Runnable abort = abortBody;
        if (abort != null) {
            abort.run();
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        closeBody();
    }

    private void closeBody() throws IOException {
        if (body != null) {
            InputStream closing = body;
            body = null;
            closing.close();
        }
    }
}
