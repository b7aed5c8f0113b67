package org.matterhub.connectors.kernel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A document's bytes as an open HTTP response stream: nothing is buffered beyond the socket. The caller
 * must close it (try-with-resources), which releases the connection.
 *
 * <p>When a range was requested and the server honoured it, {@link #served()} says which bytes came
 * (status 206). When the server ignored the {@code Range} header (200), the connector skips and truncates
 * the stream itself, so {@link #body()} always yields exactly the requested bytes.
 */
public final class ContentDownload implements AutoCloseable {

    private final InputStream body;
    private final int status;
    private final long contentLength;
    private final String contentType;
    private final String fileName;
    private final ByteRange.Served served;

    public ContentDownload(InputStream body, int status, OptionalLong contentLength, String contentType,
                           String fileName, ByteRange.Served served) {
        this.body = Objects.requireNonNull(body, "body");
        this.status = status;
        this.contentLength = contentLength == null || contentLength.isEmpty() ? -1 : contentLength.getAsLong();
        this.contentType = contentType;
        this.fileName = fileName;
        this.served = served;
    }

    /** The bytes; read once. */
    public InputStream body() {
        return body;
    }

    /** 200 (whole content, or a range cut client-side) or 206 (the server served the range). */
    public int status() {
        return status;
    }

    /** Number of bytes {@link #body()} yields, when known. */
    public OptionalLong contentLength() {
        return contentLength < 0 ? OptionalLong.empty() : OptionalLong.of(contentLength);
    }

    /** The response's {@code Content-Type}, if any. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The file name from {@code Content-Disposition}, if any. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** The served range of a 206 response. */
    public Optional<ByteRange.Served> served() {
        return Optional.ofNullable(served);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    /** The {@code filename} parameter of a {@code Content-Disposition} header value, or null. */
    public static String fileNameOf(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        for (String piece : contentDisposition.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("filename")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /**
     * {@code in} that runs {@code release} once it is closed (even when closing fails): a download that holds a
     * permit (a concurrency slot) gives it back when the caller closes it.
     */
    public static InputStream releasingOnClose(InputStream in, Runnable release) {
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    release.run();
                }
            }
        };
    }

    /**
     * {@code in} with its first {@code skip} bytes dropped and cut after {@code limit} bytes (negative =
     * no limit): the client-side fallback for a server that ignores {@code Range}.
     */
    public static InputStream slice(InputStream in, long skip, long limit) throws IOException {
        long toSkip = skip;
        while (toSkip > 0) {
            long n = in.skip(toSkip);
            if (n <= 0) {
                if (in.read() < 0) {
                    break;
                }
                n = 1;
            }
            toSkip -= n;
        }
        if (limit < 0) {
            return in;
        }
        return new FilterInputStream(in) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(Math.min(n, left));
                left -= s;
                return s;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }
}
