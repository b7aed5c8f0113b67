package org.matterhub.portal.documents;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.fileupload2.core.FileItemHeaders;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.MultipartInput.MalformedStreamException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578 over RFC 2046) on Commons FileUpload's
 * {@link MultipartInput}: parts are handed out one at a time, each body as a stream that ends at the part's
 * delimiter, so a file part of any size passes through a fixed buffer of {@value #BUFFER} bytes and is never held
 * whole — neither in memory nor on disk. (The servlet container's own multipart support, and FileUpload's
 * {@code DiskFileItem}s, would first spool every part to a temporary file; the upload endpoint switches it off.)
 * FileUpload parses the part headers and the {@code Content-Disposition} parameters, RFC 5987 {@code filename*}
 * included.
 *
 * <p>Strict where it matters: a body without a boundary or that ends before its closing delimiter, a part header
 * block over {@value #MAX_HEADER_BYTES} bytes, a part without {@code Content-Disposition: form-data; name=…}, or a
 * boundary that is not a valid RFC 2046 boundary is a {@link MalformedMultipartException} (a body cut short inside a
 * part is an {@link EOFException}). File names are reported exactly as sent; judging them is the upload inspector's
 * job.
 */
final class MultipartStream {

    static final int BUFFER = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Used only for its header parsing, which needs no request. */
    private static final JakartaServletFileUpload<?, ?> HEADERS = new JakartaServletFileUpload<>();

    /** One part: its form-field name, the file name if it is a file, its declared type, and its body. */
    record Part(String name, String fileName, String contentType, InputStream body) {
        boolean isFile() {
            return fileName != null;
        }
    }

    /** The request is not a well-formed multipart body. */
    static final class MalformedMultipartException extends IOException {
        MalformedMultipartException(String message) {
            super(message);
        }
    }

    /** The request body is longer than its limit. */
    static final class RequestTooLargeException extends IOException {
        RequestTooLargeException(long limit) {
            super("The request body is longer than " + limit + " bytes.");
        }
    }

    private final MultipartInput input;
    private boolean started;
    private boolean finished;
    private InputStream current;

    MultipartStream(InputStream in, String boundary) throws IOException {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200 || boundary.endsWith(" ")
                || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new MalformedMultipartException("The multipart boundary is missing or invalid.");
        }
        this.input = MultipartInput.builder().setInputStream(in).setBufferSize(BUFFER)
                .setBoundary(boundary.getBytes(StandardCharsets.US_ASCII)).setPartHeaderSizeMax(MAX_HEADER_BYTES).get();
        input.setHeaderCharset(StandardCharsets.UTF_8);
    }

    /**
     * The body of a request, ending it with a {@link RequestTooLargeException} once it is longer than
     * {@code maxBytes}: a request without a {@code Content-Length} has no other bound.
     */
    static InputStream bounded(InputStream body, long maxBytes) throws IOException {
        // Commons IO reports the bound when a read finds maxCount bytes already read: one more lets a body of exactly
        // maxBytes end normally.
        return BoundedInputStream.builder().setInputStream(body).setMaxCount(maxBytes + 1)
                .setOnMaxCount((max, count) -> {
                    throw new RequestTooLargeException(maxBytes);
                }).get();
    }

    /** The boundary parameter of a {@code multipart/form-data} content type, or null when it is none. */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        if (!mediaType.strip().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        byte[] boundary = HEADERS.getBoundary(contentType);
        return boundary == null ? null : new String(boundary, StandardCharsets.ISO_8859_1);
    }

    /**
     * The next part, or null after the closing delimiter. The previous part's body, if not read to its end, is
     * skipped.
     */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        FileItemHeaders headers;
        try {
            boolean more;
            if (!started) {
                started = true;
                if (!input.skipPreamble()) {
                    // FileUpload answers false both for a body without any boundary and for one holding only the
                    // closing delimiter; either way there is nothing to upload.
                    throw new MalformedMultipartException("The multipart body has no part (no boundary, or only the "
                            + "closing one).");
                }
                more = true;
            } else {
                current.close();
                more = input.readBoundary();
            }
            if (!more) {
                finished = true;
                return null;
            }
            headers = HEADERS.getParsedHeaders(input.readHeaders());
        } catch (MalformedStreamException e) {
            throw new MalformedMultipartException(e.getMessage().startsWith("Unexpected characters")
                    ? "Unexpected bytes after a multipart boundary." : "The multipart body ended before its closing "
                    + "boundary.");
        } catch (FileUploadSizeException e) {
            throw new MalformedMultipartException("A part's headers are longer than " + MAX_HEADER_BYTES + " bytes.");
        }
        String disposition = headers.getHeader("content-disposition");
        if (disposition == null) {
            throw new MalformedMultipartException("A part has no Content-Disposition header.");
        }
        if (!disposition.strip().toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new MalformedMultipartException("A part is not form-data.");
        }
        String name = HEADERS.getFieldName(headers);
        if (name == null || name.isEmpty()) {
            throw new MalformedMultipartException("A part has no name.");
        }
        String fileName = HEADERS.getFileName(headers);
        if (fileName != null && !disposition.toLowerCase(Locale.ROOT).contains("filename*")) {
            fileName = unescape(fileName);
        }
        current = new PartBody(input.newInputStream());
        return new Part(name, fileName, headers.getHeader("content-type"), current);
    }

    /** A quoted {@code filename} may escape characters with a backslash (RFC 2616 quoted-pair). */
    private static String unescape(String quoted) {
        if (quoted.indexOf('\\') < 0) {
            return quoted;
        }
        StringBuilder sb = new StringBuilder(quoted.length());
        for (int k = 0; k < quoted.length(); k++) {
            char c = quoted.charAt(k);
            if (c == '\\' && k + 1 < quoted.length()) {
                c = quoted.charAt(++k);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A part's body; a body cut short is an {@link EOFException}, as for any stream that ends too soon. */
    private static final class PartBody extends FilterInputStream {
        PartBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (MalformedStreamException e) {
                throw truncated();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (MalformedStreamException e) {
                throw truncated();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (MalformedStreamException e) {
                throw truncated();
            }
        }

        private static EOFException truncated() {
            return new EOFException("The multipart body ended before its closing boundary.");
        }
    }
}
