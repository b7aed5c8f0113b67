package org.matterhub.portal.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id before anything else runs: the caller's {@code X-Request-Id} when it is a
 * plain token (letters, digits, {@code . _ : -}, at most 64), otherwise a new UUID. The id is in the MDC (as
 * {@code requestId}) while the request is served, in the {@code X-Request-Id} response header, and in the body of
 * every 5xx problem. After the request, a 5xx answer is reported once to {@link ServerErrors}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ServerErrors errors;

    public RequestIds(ServerErrors errors) {
        this.errors = errors;
    }

    /** The id of the request being served on this thread, or a new one outside any request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }

    /** The request's id: the one already given to it, else the caller's valid {@code X-Request-Id}, else a new one. */
    public static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String offered = request.getHeader(HEADER);
        String id = offered != null && VALID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** The {@code /error} dispatch after an exception is served under the same id, and its 5xx reported. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /**
     * An exception out of a filter or servlet: answered here as a 500 problem, rather than left to the container
     * (which would log its message and stack and dispatch to {@code /error}).
     */
    private static void answerFailure(HttpServletRequest request, HttpServletResponse response, String id, Throwable cause)
            throws IOException {
        ServerErrors.mark(request, "Internal error", cause);
        response.reset();
        response.setHeader(HEADER, id);
        ProblemWriter.write(response, 500, "Internal error", ProblemErrorController.detail(500));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = of(request);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            try {
                chain.doFilter(request, response);
            } catch (RuntimeException | ServletException e) {
                if (response.isCommitted()) {
                    throw e;
                }
                answerFailure(request, response, id, e instanceof ServletException && e.getCause() != null ? e.getCause() : e);
            }
            if (response.getStatus() >= 500 && !request.isAsyncStarted()) {
                errors.report(request, response.getStatus());
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
