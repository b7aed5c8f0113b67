package org.matterhub.connectors.kernel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A streamed {@code multipart/form-data} request body (RFC 7578): small text parts are encoded up front,
 * file parts are read from their {@link UploadContent} only while the request is being sent, through one
 * {@link SequenceInputStream} of header / file / footer pieces. The exact {@code Content-Length} is
 * known in advance, so the request is not chunked.
 *
 * <pre>{@code
 * MultipartBody body = MultipartBody.builder()
 *         .field("destination", folderId)
 *         .file("file", "Letter.pdf", "application/pdf", UploadContent.of(path))
 *         .build();
 * request.header("Content-Type", body.contentType()).POST(body.publisher());
 * }</pre>
 */
public final class MultipartBody {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<Piece> pieces;
    private final long length;

    private MultipartBody(String boundary, List<Piece> pieces) {
        this.boundary = boundary;
        this.pieces = List.copyOf(pieces);
        long sum = 0;
        for (Piece p : pieces) {
            sum += p.length();
        }
        this.length = sum;
    }

    /** A builder with a random boundary. */
    public static Builder builder() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return new Builder("matterhub-" + HexFormat.of().formatHex(b));
    }

    /** A builder with a fixed boundary (tests). */
    public static Builder builder(String boundary) {
        return new Builder(boundary);
    }

    /** {@code multipart/form-data; boundary=…}. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The boundary. */
    public String boundary() {
        return boundary;
    }

    /** Exact body length in bytes. */
    public long contentLength() {
        return length;
    }

    /** Whether every file part can be opened again (see {@link UploadContent#replayable()}). */
    public boolean replayable() {
        return pieces.stream().allMatch(p -> p.content == null || p.content.replayable());
    }

    /**
     * The whole body as one stream; file contents are opened now, in order. The caller closes it (which
     * closes every opened file stream).
     */
    public InputStream open() throws IOException {
        List<InputStream> streams = new ArrayList<>(pieces.size());
        try {
            for (Piece p : pieces) {
                streams.add(p.bytes != null ? new ByteArrayInputStream(p.bytes) : p.content.open());
            }
        } catch (IOException | RuntimeException e) {
            for (InputStream s : streams) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing what was opened before the failure
                }
            }
            throw e;
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /**
     * A publisher that opens the body when the HTTP client starts sending, with a fixed
     * {@code Content-Length}. An {@link IOException} while opening surfaces as an {@link UncheckedIOException}
     * from the client's {@code send}.
     */
    public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), length);
    }

    /** Builds a {@link MultipartBody}; parts are sent in the order added. */
    public static final class Builder {
        private final String boundary;
        private final List<Piece> pieces = new ArrayList<>();
        private boolean built;

        private Builder(String boundary) {
            if (boundary == null || boundary.isEmpty() || boundary.length() > 70
                    || !boundary.matches("[0-9A-Za-z'()+_,\\-./:=?]+")) {
                throw new IllegalArgumentException("invalid multipart boundary");
            }
            this.boundary = boundary;
        }

        /** A text field (UTF-8). */
        public Builder field(String name, String value) {
            Objects.requireNonNull(value, "value");
            byte[] head = header(name, null, null);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + v.length + CRLF.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(v, 0, all, head.length, v.length);
            System.arraycopy(CRLF, 0, all, head.length + v.length, CRLF.length);
            pieces.add(Piece.bytes(all));
            return this;
        }

        /** A file part streamed from {@code content}. */
        public Builder file(String name, String fileName, String contentType, UploadContent content) {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(content, "content");
            pieces.add(Piece.bytes(header(name, fileName, contentType == null ? "application/octet-stream"
                    : contentType)));
            pieces.add(Piece.content(content));
            pieces.add(Piece.bytes(CRLF));
            return this;
        }

        public MultipartBody build() {
            if (built) {
                throw new IllegalStateException("already built");
            }
            built = true;
            pieces.add(Piece.bytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
            return new MultipartBody(boundary, pieces);
        }

        private byte[] header(String name, String fileName, String contentType) {
            StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quote(name)).append('"');
            if (fileName != null) {
                h.append("; filename=\"").append(quote(fileName)).append('"');
            }
            h.append("\r\n");
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\n");
            }
            h.append("\r\n");
            return h.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** RFC 7578 §4.2: quote and backslash escaped, line breaks percent-encoded. */
        private static String quote(String s) {
            Objects.requireNonNull(s, "name");
            return s.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }
    }

    private record Piece(byte[] bytes, UploadContent content) {
        static Piece bytes(byte[] b) {
            return new Piece(b, null);
        }

        static Piece content(UploadContent c) {
            return new Piece(null, c);
        }

        long length() {
            return bytes != null ? bytes.length : content.length();
        }
    }
}
