package org.matterhub.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream read ahead of its reader by a helper thread, into a bounded ring of bytes. Made for downloads of
 * encrypted blobs: with a {@linkplain ChunkedEnvelopeCipher#decrypt decrypting stream} as the source, the helper
 * fetches, authenticates and opens the next chunks while the reader consumes the ones already opened, so fetching
 * and decrypting overlap with whatever the reader does with the bytes instead of adding to it.
 *
 * <p>The ring holds only bytes the source returned, in the order it returned them, so whatever the source
 * guarantees still holds: from a decrypting stream, every byte comes from a chunk that authenticated, and a
 * truncated or reordered blob fails. When the source fails (a {@link BlobIntegrityException}, another
 * {@link IOException}, a runtime exception), the reader first gets the bytes read before the failure, then the
 * failure itself, unchanged, on every later read. Memory: the ring's {@code capacity} bytes, plus what the source
 * holds (a decrypting stream holds one sealed and one opened chunk); the helper waits while the ring is full.
 *
 * <p>The helper owns the source and is the only thread that reads or closes it: it closes it as soon as it reaches
 * the end or fails (so an HTTP connection goes back to its pool while the reader still drains the ring), or when it
 * sees the stream closed. {@link #close()} while the helper is blocked in a read of the source first runs
 * {@code abort} on the closing thread, which must make that read fail promptly, as aborting an HTTP response does.
 *
 * <p>One reader at a time, as with any stream; {@link #close()} may come from another thread.
 */
public final class ReadAheadInputStream extends InputStream {

    static final long CLOSE_WAIT_SECONDS = 10;

    private final InputStream source;
    private final Runnable abort;
    private final byte[] ring;
    /** Half the ring: a helper waiting on a full ring is woken once this much is free, not on every read. */
    private final int batch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);

    // Guarded by lock (head is written by the reader only). The ring's bytes are not: the helper writes only free
    // space and the reader reads only filled space, and each passes a region to the other by updating head and count
    // under the lock.
    private int head;
    private int count;
    private boolean inRead;
    private boolean aborting;
    private boolean end;
    private Throwable failure;
    private boolean closed;
    private boolean readerWaiting;
    private boolean helperWaiting;

    private ReadAheadInputStream(InputStream source, int capacity, Runnable abort) {
        this.source = source;
        this.abort = abort;
        this.ring = new byte[capacity];
        this.batch = Math.max(1, capacity / 2);
    }

    /**
     * Starts reading {@code source} ahead on a task of {@code executor}.
     *
     * @param capacity bytes read ahead at most (a few of the source's chunks)
     * @param executor runs the helper on a thread of its own, started without waiting for other streams' helpers to
     *                 end (a cached pool), or a reader would wait on a helper that never starts
     * @param abort    makes a read of {@code source} blocked on another thread fail, on an early close
     * @throws java.util.concurrent.RejectedExecutionException when the executor refuses the helper; the source is
     *         then left open, for the caller to close
     */
    public static ReadAheadInputStream start(InputStream source, int capacity, Executor executor, Runnable abort) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(abort, "abort");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 byte");
        }
        ReadAheadInputStream stream = new ReadAheadInputStream(source, capacity, abort);
        executor.execute(stream::fill);
        return stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = Math.min(len, awaitReady());
        if (n < 0) {
            return -1;
        }
        int from = head;
        int first = Math.min(n, ring.length - from);
        System.arraycopy(ring, from, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        release(from, n);
        return n;
    }

    /** Writes the ring's bytes to {@code out} as they come, with no buffer in between (a download to a client). */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        long total = 0;
        for (int ready; (ready = awaitReady()) >= 0; ) {
            int from = head;
            int n = Math.min(ready, ring.length - from);
            out.write(ring, from, n);
            release(from, n);
            total += n;
        }
        return total;
    }

    /**
     * Waits until bytes are ready, and returns how many; -1 at the end. Throws the source's failure once the bytes
     * before it were read. The reader may then use {@code ring[head..]} (wrapping) for that many bytes, unlocked:
     * the helper writes none of them until {@link #release} gives them back.
     */
    private int awaitReady() throws IOException {
        lock.lock();
        try {
            while (count == 0 && !end && !closed) {
                readerWaiting = true;
                try {
                    readable.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting for the read-ahead");
                } finally {
                    readerWaiting = false;
                }
            }
            if (closed) {
                throw new IOException("Stream closed");
            }
            if (count == 0) {
                if (failure != null) {
                    throw rethrow(failure);
                }
                return -1;
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Gives {@code n} bytes read from {@code from} back to the helper. */
    private void release(int from, int n) {
        lock.lock();
        try {
            head = (from + n) % ring.length;
            count -= n;
            if (helperWaiting && ring.length - count >= batch) {
                writable.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes that can be read without waiting: those already read ahead. */
    @Override
    public int available() {
        lock.lock();
        try {
            return closed ? 0 : count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the helper and waits (up to {@value #CLOSE_WAIT_SECONDS} s) until it closed the source. If the helper is
     * inside a read of the source, {@code abort} runs first, here (an HTTP connection is dropped rather than
     * drained); the source is closed only once {@code abort} returned. Bytes read ahead are discarded.
     */
    @Override
    public void close() throws IOException {
        boolean abortRead;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abortRead = inRead;
            aborting = abortRead;
            writable.signalAll();
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        if (abortRead) {
            try {
                abort.run();
            } finally {
                lock.lock();
                try {
                    aborting = false;
                    writable.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
        try {
            // After abort a blocked read fails at once; the bound only keeps a misbehaving source from hanging the
            // closer. The helper closes the source whenever its read returns.
            finished.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The helper: reads the source into the ring until the end, a failure, or close; then closes the source. */
    private void fill() {
        Throwable failed = null;
        try {
            pump();
        } catch (Throwable t) { // an Error too: the reader must not wait forever on a helper that died
            failed = t;
        }
        lock.lock();
        try {
            inRead = false;
            while (aborting) { // the closer is still aborting: never close the source while abort runs
                writable.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            if (failed == null) {
                failed = e;
            } else if (failed != e) {
                failed.addSuppressed(e);
            }
        }
        lock.lock();
        try {
            failure = failed;
            end = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        finished.countDown();
    }

    private void pump() throws IOException {
        int n = 0;
        while (true) {
            int at;
            int room;
            lock.lock();
            try {
                inRead = false;
                count += n;
                if (readerWaiting && count > 0) {
                    // The next read may block (a slow or stalled connection): what is ready goes to the reader now.
                    readable.signal();
                }
                if (count == ring.length && !closed) {
                    helperWaiting = true;
                    while (!closed && ring.length - count < batch) {
                        writable.awaitUninterruptibly();
                    }
                    helperWaiting = false;
                }
                if (closed) {
                    return;
                }
                at = (head + count) % ring.length;
                room = Math.min(ring.length - count, ring.length - at);
                inRead = true;
            } finally {
                lock.unlock();
            }
            n = source.read(ring, at, room);
            if (n < 0) {
                return;
            }
        }
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    @Override
    public String toString() {
        return "ReadAheadInputStream[capacity=" + ring.length + "]";
    }
}
