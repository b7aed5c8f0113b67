package org.matterhub.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.matterhub.portal.problem.ProblemWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses JSON bodies over the configured size before anything reads them (413 problem JSON). Document uploads are
 * exempt: they are streamed, may be chunked, and are held to the firm's upload limit by the upload endpoint itself.
 */
@Component
public class BodySizeFilter extends OncePerRequestFilter {

    /** The document upload endpoint ({@code POST /api/v1/matters/{id}/documents}). */
    private static final Pattern UPLOAD_PATH = Pattern.compile("^/api/v1/matters/[^/]+/documents/?$");

    private final AuthProperties auth;

    public BodySizeFilter(AuthProperties auth) {
        this.auth = auth;
    }

    /** Whether a request is an upload (the JSON body-size limit does not apply to it; the firm's upload limit does). */
    public static boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && UPLOAD_PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isUpload(request)) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > auth.maxBodyBytes() || (chunked && request.getRequestURI().startsWith("/api/"))) {
            ProblemWriter.write(response, 413, "Body too large",
                    "Request bodies are limited to " + auth.maxBodyBytes() + " bytes and must declare their length.");
            return;
        }
        chain.doFilter(request, response);
    }
}
