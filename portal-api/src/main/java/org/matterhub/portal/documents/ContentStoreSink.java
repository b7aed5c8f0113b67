package org.matterhub.portal.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.matterhub.portal.documents.DocumentContentStore.StoredContent;
import org.matterhub.portal.upload.UploadSink;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The upload inspector's sink over the {@link DocumentContentStore}: what the inspector writes is handed through a
 * bounded queue (at most {@value #CAPACITY} chunks in flight) to a store write running on another thread, which pulls
 * it as a stream. The store sees the end of its stream only on {@link #commit()}, after the inspector accepted every
 * byte; a {@link #discard()} makes the stream fail instead, so the store's write fails and leaves nothing (the S3
 * store aborts its multipart upload), and the key is deleted for good measure. Memory per upload: the queued chunks,
 * and the first {@code captureBytes} bytes kept for text extraction.
 */
final class ContentStoreSink implements UploadSink {

    static final int CAPACITY = 4;
    private static final byte[] END = new byte[0];
    private static final byte[] ABORT = new byte[0];

    private final DocumentContentStore store;
    private final TenantScope scope;
    private final String storageKey;
    private final ExecutorService executor;
    private final int captureBytes;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile boolean readerGone;
    private Future<StoredContent> write;
    private StoredContent stored;
    private boolean finished;

    ContentStoreSink(DocumentContentStore store, TenantScope scope, String storageKey, ExecutorService executor,
                     int captureBytes) {
        this.store = store;
        this.scope = scope;
        this.storageKey = storageKey;
        this.executor = executor;
        this.captureBytes = captureBytes;
    }

    @Override
    public OutputStream open() {
        write = executor.submit(() -> {
            try (InputStream in = new QueueInput()) {
                return store.write(scope, storageKey, in, -1);
            } finally {
                readerGone = true;
                queue.clear();
            }
        });
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len <= 0) {
                    return;
                }
                int keep = Math.min(len, captureBytes - captured.size());
                if (keep > 0) {
                    captured.write(b, off, keep);
                }
                put(Arrays.copyOfRange(b, off, off + len));
            }
            // close() does not end the store's stream: only commit() does.
        };
    }

    @Override
    public void commit() throws IOException {
        put(END);
        stored = await();
        finished = true;
    }

    @Override
    public void discard() {
        if (finished || write == null) {
            finished = true;
            deleteQuietly();
            return;
        }
        finished = true;
        try {
            queue.clear();
            put(ABORT);
            await();
        } catch (IOException | RuntimeException expected) {
            // the aborted write fails, as it should
        }
        deleteQuietly();
    }

    /** What the store kept; after {@link #commit()}. */
    StoredContent stored() {
        return stored;
    }

    /** The first bytes written, at most {@code captureBytes}. */
    byte[] head() {
        return captured.toByteArray();
    }

    private void deleteQuietly() {
        try {
            store.delete(scope, storageKey);
        } catch (RuntimeException ignored) {
            // nothing was stored, or the store is unreachable; either way the upload is refused
        }
    }

    private void put(byte[] chunk) throws IOException {
        boolean offered = false;
        try {
            while (!readerGone && !(offered = queue.offer(chunk, 50, TimeUnit.MILLISECONDS))) {
                // waiting for the store to take the previous chunks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing an upload");
        }
        if (!offered && chunk != ABORT) {
            // The store stopped reading before taking this chunk: its failure is what await() reports.
            await();
            throw new IOException("The document store stopped reading the upload");
        }
    }

    private StoredContent await() throws IOException {
        try {
            return write.get();
        } catch (InterruptedException e) {
            write.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing an upload");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("The document store failed", cause);
        }
    }

    /** The store's side of the queue. */
    private final class QueueInput extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while storing an upload");
                }
                pos = 0;
                if (current == ABORT) {
                    throw new IOException("The upload was refused; nothing is stored");
                }
                if (current == END) {
                    ended = true;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
