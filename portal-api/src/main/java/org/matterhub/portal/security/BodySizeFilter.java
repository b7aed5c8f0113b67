package org.matterhub.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.matterhub.portal.problem.ProblemWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every request body to the limit of its path, counting the bytes as they are read, whether the request
 * declares a {@code Content-Length} or is chunked: webhooks ({@code /webhooks/**}) {@link EdgeProperties#webhookMaxBytes},
 * the document upload endpoint {@link EdgeProperties#uploadMaxRequestBytes}, everything else (JSON bodies of the API,
 * OAuth callbacks, the ops API) {@link AuthProperties#maxBodyBytes}. A declared length over the limit is refused at
 * once; any other body except an upload's (and a form post's, which the container parses) is read here, never more than its limit plus one byte, and handed on from
 * memory, so a body over the limit is refused before a controller runs and the rest of it is never read. An upload
 * streams on through a counting stream that fails with {@link BodyTooLargeException} at the limit. Refusals answer 413
 * problem JSON and close the connection.
 */
@Component
public class BodySizeFilter extends OncePerRequestFilter {

    /** The document upload endpoint ({@code POST /api/v1/matters/{id}/documents}). */
    private static final Pattern UPLOAD_PATH = Pattern.compile("^/api/v1/matters/[^/]+/documents/?$");

    private final AuthProperties auth;
    private final EdgeProperties edge;

    public BodySizeFilter(AuthProperties auth, EdgeProperties edge) {
        this.auth = auth;
        this.edge = edge;
    }

    /** The body of a request went past its path's limit while it was being read. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("The request body is longer than " + limit + " bytes.");
        }
    }

    /** Whether a request is an upload (streamed to the upload endpoint, which holds it to the firm's limit). */
    public static boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && UPLOAD_PATH.matcher(request.getRequestURI()).matches();
    }

    /** A form post: the container parses its parameters itself (within {@code server.tomcat.max-http-form-post-size}). */
    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The most bytes a request to this path may send. */
    long limitOf(HttpServletRequest request) {
        if (isUpload(request)) {
            return edge.uploadMaxRequestBytes();
        }
        return request.getRequestURI().startsWith("/webhooks/") ? edge.webhookMaxBytes() : auth.maxBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        if (request.getContentLengthLong() > limit) {
            refuse(response, limit);
            return;
        }
        CountingInputStream counted = new CountingInputStream(request.getInputStream(), limit);
        if (isUpload(request) || isForm(request)) {
            chain.doFilter(new BodyRequest(request, counted), response);
            return;
        }
        byte[] body;
        try {
            body = counted.readAllBytes();
        } catch (BodyTooLargeException e) {
            refuse(response, limit);
            return;
        }
        chain.doFilter(new BodyRequest(request, new CountingInputStream(new ByteArrayInputStream(body), limit)), response);
    }

    private static void refuse(HttpServletResponse response, long limit) throws IOException {
        // The rest of the body is not read; the connection cannot carry another request.
        response.setHeader("Connection", "close");
        ProblemWriter.write(response, 413, "Body too large", "Request bodies to this address are limited to " + limit
                + " bytes.");
    }

    /** A request whose body is read through {@code body}. */
    private static final class BodyRequest extends HttpServletRequestWrapper {
        private final ServletInputStream body;

        BodyRequest(HttpServletRequest request, ServletInputStream body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(body, charset));
        }
    }

    /** Counts what is read and fails once more than {@code limit} bytes have come. */
    static final class CountingInputStream extends ServletInputStream {
        private final java.io.InputStream in;
        private final long limit;
        private long count;

        CountingInputStream(java.io.InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            // Never ask for more than one byte past the limit, so that a refused body is not read any further.
            int n = in.read(buffer, off, (int) Math.min(len, Math.max(1, limit + 1 - count)));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            try {
                return in instanceof ServletInputStream s ? s.isFinished() : in.available() == 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public boolean isReady() {
            return !(in instanceof ServletInputStream s) || s.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("Request bodies are read blocking");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
