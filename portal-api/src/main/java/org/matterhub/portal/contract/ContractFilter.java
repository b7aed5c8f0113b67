package org.matterhub.portal.contract;

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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.matterhub.portal.contract.ContractProblems.Refusal;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Holds every request to {@code /api/v1}, {@code /ops/v1} and {@code /webhooks} to the OpenAPI contract before a
 * controller runs ({@link ApiContract}), and refuses at the edge what a schema cannot say: NUL and control
 * characters in the path and parameters, and JSON bodies that are malformed, carry trailing data or duplicate keys, or
 * hold control characters ({@link StrictJson}). It sits in the security chain after authorisation, so a caller who
 * may not call an operation learns nothing about its inputs. Bodies are read once (within the body-size limit) and
 * handed on; uploads stream past unread (their media type and parameters are still checked), and a webhook's body is
 * left to its signature check, which comes first.
 */
public class ContractFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;

    private final ApiContract contract;
    private final long maxBodyBytes;
    private final Predicate<HttpServletRequest> streamed;

    /**
     * @param streamed which requests stream their bodies to the controller unread (the document upload)
     */
    public ContractFilter(ApiContract contract, long maxBodyBytes, Predicate<HttpServletRequest> streamed) {
        this.contract = contract;
        this.maxBodyBytes = maxBodyBytes;
        this.streamed = streamed;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        return !(path.startsWith("/api/v1/") || path.startsWith("/ops/v1/") || path.startsWith("/webhooks/"))
                || path.equals("/api/v1/openapi.yaml");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = PATHS.getPathWithinApplication(request);
        Map<String, List<String>> query;
        try {
            query = query(request.getQueryString());
        } catch (IllegalArgumentException e) {
            refuse(Refusal.of(400, ContractProblems.INVALID_INPUT, "Invalid input",
                    "The query string is not valid percent-encoded UTF-8."), request, response);
            return;
        }
        Refusal refusal = controlCharacters(path, query);
        boolean webhook = path.startsWith("/webhooks/");
        boolean unread = webhook || streamed.test(request);
        byte[] body = null;
        if (refusal == null && !unread && hasBody(request)) {
            body = read(request);
            if (body == null) {
                refusal = Refusal.of(413, ContractProblems.BODY_TOO_LARGE, "Body too large",
                        "Request bodies are limited to " + maxBodyBytes + " bytes.");
            } else if (body.length > 0 && isJson(request.getContentType())) {
                refusal = StrictJson.check(body);
            }
        }
        if (refusal == null) {
            refusal = contract.check(new ApiContract.Call(request.getMethod(), path, query, headers(request),
                    request.getContentType(), body, unread));
        }
        if (refusal != null) {
            refuse(refusal, request, response);
            return;
        }
        chain.doFilter(body == null ? request : new ReadBody(request, body), response);
    }

    private static void refuse(Refusal refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        refusal.write(response, request.getRequestURI());
    }

    private static Refusal controlCharacters(String path, Map<String, List<String>> query) {
        if (StrictJson.controlCharacterStrict(path) >= 0) {
            return new Refusal(400, ContractProblems.CONTROL_CHARACTERS, "Control characters",
                    "The path may not hold NUL or other control characters.", Map.of("path", "contains a control character"));
        }
        for (var e : query.entrySet()) {
            boolean bad = StrictJson.controlCharacterStrict(e.getKey()) >= 0
                    || e.getValue().stream().anyMatch(v -> StrictJson.controlCharacterStrict(v) >= 0);
            if (bad) {
                String name = "query." + e.getKey().replaceAll("\\p{Cntrl}", "?");
                return new Refusal(400, ContractProblems.CONTROL_CHARACTERS, "Control characters",
                        "Parameters may not hold NUL or other control characters (" + name + ").",
                        Map.of(name, "contains a control character"));
            }
        }
        return null;
    }

    /** The query string decoded as UTF-8; never touches the body (as {@code getParameterMap} would for forms). */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.contains("\uFFFD") || value.contains("\uFFFD")) {
                throw new IllegalArgumentException("not UTF-8");
            }
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** The body, or null when it is longer than the limit. */
    private byte[] read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            return bytes.length > maxBodyBytes ? null : bytes;
        }
    }

    /** The request with its body, already read, to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
