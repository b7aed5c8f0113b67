package org.matterhub.connectors.kernel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * File content to upload, of a known length, opened as a stream only when the request is sent: the
 * connectors never hold a whole file in memory.
 *
 * <p>{@link #open()} is called once per attempt. A client retries a request with a body only after an
 * access-token refresh (401), and then calls {@code open()} a second time; content that cannot be
 * re-read ({@link #once}) then fails with {@link IllegalStateException}, which the connectors report as
 * a retriable {@link VendorIoException} (the token is already refreshed, so the caller's retry works).
 */
public interface UploadContent {

    /** A fresh stream over all {@link #length()} bytes; the caller closes it. */
    InputStream open() throws IOException;

    /** Exact number of bytes {@link #open()} yields (sent as {@code Content-Length}). */
    long length();

    /** Whether {@link #open()} may be called more than once. */
    default boolean replayable() {
        return true;
    }

    /** In-memory bytes (small files, tests). */
    static UploadContent of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return of(() -> new ByteArrayInputStream(bytes), bytes.length);
    }

    /** A file on disk (re-opened per attempt). */
    static UploadContent of(Path file) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(() -> Files.newInputStream(file), size);
    }

    /** A stream source that can be re-opened, e.g. an object-store GET. */
    static UploadContent of(StreamSource source, long length) {
        Objects.requireNonNull(source, "source");
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0");
        }
        return new UploadContent() {
            @Override
            public InputStream open() throws IOException {
                return source.open();
            }

            @Override
            public long length() {
                return length;
            }
        };
    }

    /** A stream that can be read once only; see the class comment for what happens on a 401. */
    static UploadContent once(InputStream stream, long length) {
        Objects.requireNonNull(stream, "stream");
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0");
        }
        AtomicBoolean used = new AtomicBoolean();
        return new UploadContent() {
            @Override
            public InputStream open() {
                if (!used.compareAndSet(false, true)) {
                    throw new IllegalStateException("upload stream already consumed; it cannot be replayed");
                }
                return stream;
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public boolean replayable() {
                return false;
            }
        };
    }

    /** Opens a stream; may be called more than once. */
    @FunctionalInterface
    interface StreamSource {
        InputStream open() throws IOException;
    }
}
