package org.matterhub.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.matterhub.store.blob.BlockInputStream;

/**
 * Reads a decrypted download a few segments ahead of its reader on a helper thread, so fetching and AES-GCM overlap
 * with what the reader does with the bytes (hashing, writing to a client) instead of adding to it. The helper reads
 * the source one segment at a time ({@link DecryptedStream} never returns bytes of two segments in one read) and
 * hands each over whole; a failure is handed over in its place, so the reader gets every byte before it and then the
 * failure, exactly as without the helper. At most {@code slots} segments wait; memory stays {@code slots + 2}
 * segments whatever the download's size.
 *
 * <p>Closing the stream before its end runs {@code abort} (drops the HTTP connection, so a read the helper is blocked
 * in fails at once) and waits for the helper to end; the helper alone closes the source.
 */
final class ReadAhead extends BlockInputStream {

    private static final Object END = new Object();

    private final InputStream source;
    private final Runnable abort;
    private final int segment;
    private final BlockingQueue<Object> ready;
    /** Buffers the reader is done with, for the helper to fill again: a download makes no garbage per segment. */
    private final BlockingQueue<byte[]> free;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean closed;
    private Filled current = new Filled(new byte[0], 0);
    private int served;
    private boolean finished;

    private ReadAhead(InputStream source, int segment, int slots, Runnable abort) {
        this.source = source;
        this.segment = segment;
        this.ready = new ArrayBlockingQueue<>(slots + 1);
        this.free = new ArrayBlockingQueue<>(slots + 3);
        this.abort = abort;
    }

    /** Starts the helper on {@code threads}. */
    static InputStream start(InputStream source, int segment, int slots, Executor threads, Runnable abort) {
        ReadAhead ahead = new ReadAhead(source, segment, slots, abort);
        threads.execute(() -> {
            try {
                ahead.pump();
            } finally {
                ahead.ended.countDown();
            }
        });
        return ahead;
    }

    private void pump() {
        try (source) {
            while (!closed) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[segment];
                }
                int n = source.read(buffer, 0, segment);
                if (n < 0) {
                    hand(END);
                    return;
                }
                hand(new Filled(buffer, n));
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                hand(e);
            }
        }
    }

    /** Waits for room, unless the reader closed the stream meanwhile. */
    private void hand(Object item) {
        try {
            while (!closed && !ready.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // The reader is slower; wait on.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected int readBlock(byte[] b, int off, int len) throws IOException {
        while (served == current.length()) {
            if (finished) {
                return -1;
            }
            if (current.buffer().length == segment) {
                free.offer(current.buffer());
            }
            Object next;
            try {
                next = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the download");
            }
            if (next == END) {
                finished = true;
                return -1;
            }
            if (next instanceof IOException e) {
                finished = true;
                throw e;
            }
            if (next instanceof RuntimeException e) {
                finished = true;
                throw e;
            }
            current = (Filled) next;
            served = 0;
        }
        int n = Math.min(len, current.length() - served);
        System.arraycopy(current.buffer(), served, b, off, n);
        served += n;
        return n;
    }

    /** A segment's plaintext: the first {@code length} bytes of {@code buffer}. */
    private record Filled(byte[] buffer, int length) {
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            abort.run();
        }
        ready.clear();
        try {
            // The connection is dropped, so the helper's read fails at once; wait for it, so no helper outlives its
            // stream (bounded: a store that ignores the abort must not hang the reader).
            ended.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
