package org.matterhub.portal.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.matterhub.portal.documents.DocumentContentStore.StoredContent;
import org.matterhub.portal.upload.BoundedPipe;
import org.matterhub.portal.upload.UploadSink;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The upload inspector's sink over the {@link DocumentContentStore}: what the inspector writes is handed through a
 * {@link BoundedPipe} (at most {@value BoundedPipe#CAPACITY} chunks in flight) to a store write running on another
 * thread, which pulls it as a stream. The store sees the end of its stream only on {@link #commit()}, after the
 * inspector accepted every byte; a {@link #discard()} {@linkplain BoundedPipe#abort() aborts} the pipe instead, so the
 * store's write fails and leaves nothing (the S3 store aborts its multipart upload), and the key is deleted for good
 * measure. Memory per upload: the chunks in the pipe, and the first {@code captureBytes} bytes kept for text
 * extraction.
 */
final class ContentStoreSink implements UploadSink {

    private final DocumentContentStore store;
    private final TenantScope scope;
    private final String storageKey;
    private final ExecutorService executor;
    private final int captureBytes;
    private final BoundedPipe pipe = new BoundedPipe();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
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
            try (InputStream in = pipe.input()) {
                return store.write(scope, storageKey, in, -1);
            } finally {
                pipe.release();
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
                if (!pipe.write(b, off, len)) {
                    storeStopped();
                }
            }
            // close() does not end the store's stream: only commit() does.
        };
    }

    @Override
    public void commit() throws IOException {
        if (!pipe.close()) {
            storeStopped();
        }
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
            pipe.abort();
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

    /** The store stopped reading before taking the bytes: its failure is what {@link #await()} reports. */
    private void storeStopped() throws IOException {
        await();
        throw new IOException("The document store stopped reading the upload");
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
}
