package org.matterhub.portal.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every 5xx is a bug report: one ERROR line (status, problem type, method, path, correlation id, the cause's class
 * and where it was thrown; never a body, a query string or an exception message, which may carry secrets) and one
 * increment of {@code matterhub.http.server.errors} tagged with the status and the problem type.
 */
@Component
public class ServerErrors {

    public static final String METER = "matterhub.http.server.errors";
    /** Request attribute: the exception behind a 5xx, set by whoever turned it into a problem. */
    public static final String CAUSE = ServerErrors.class.getName() + ".cause";
    /** Request attribute: the problem type slug of the answer. */
    public static final String TYPE = ServerErrors.class.getName() + ".type";
    private static final String REPORTED = ServerErrors.class.getName() + ".reported";
    private static final Logger log = LoggerFactory.getLogger(ServerErrors.class);

    private final MeterRegistry meters;

    public ServerErrors(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Reports the 5xx answered to {@code request}, once however many layers see it. */
    public void report(HttpServletRequest request, int status) {
        if (request.getAttribute(REPORTED) != null) {
            return;
        }
        request.setAttribute(REPORTED, Boolean.TRUE);
        Object type = request.getAttribute(TYPE);
        String slug = type instanceof String s ? s : ProblemWriter.slug(ProblemWriter.title(status));
        Throwable cause = request.getAttribute(CAUSE) instanceof Throwable t ? t
                : request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t2 ? t2 : null;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
                ? original : request.getRequestURI();
        log.error("HTTP {} {} on {} {} correlationId={} cause={}", status, slug, request.getMethod(), printable(path),
                RequestIds.of(request), describe(cause));
        if (cause != null && log.isDebugEnabled()) {
            log.debug("Stack of correlationId={}", RequestIds.of(request), cause);
        }
        Counter.builder(METER).description("Requests answered with a 5xx problem")
                .tag("status", String.valueOf(status)).tag("type", slug)
                .register(meters).increment();
    }

    /** Marks the problem type (slug) of the answer being written, for the report and the counter. */
    public static void mark(HttpServletRequest request, String title, Throwable cause) {
        request.setAttribute(TYPE, ProblemWriter.slug(title));
        if (cause != null) {
            request.setAttribute(CAUSE, cause);
        }
    }

    /** The cause's class and the first frame of the hub's own code that it passed through. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "none";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder s = new StringBuilder(cause.getClass().getName());
        if (root != cause) {
            s.append(" (root ").append(root.getClass().getName()).append(')');
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.matterhub.")) {
                    return s.append(" at ").append(frame).toString();
                }
            }
        }
        StackTraceElement[] top = cause.getStackTrace();
        return top.length == 0 ? s.toString() : s.append(" at ").append(top[0]).toString();
    }

    /** The path as one printable line (a path may carry CR/LF or controls; they must not forge log lines). */
    private static String printable(String path) {
        if (path == null) {
            return "-";
        }
        String clipped = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return clipped.replaceAll("[\\p{Cntrl}\\s]", "?");
    }
}
