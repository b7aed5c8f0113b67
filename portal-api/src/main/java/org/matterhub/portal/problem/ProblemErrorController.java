package org.matterhub.portal.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's {@code /error} dispatch (an exception or {@code sendError} outside Spring MVC's advice) answered as
 * problem JSON, replacing Spring Boot's default error JSON. Whatever went wrong, the caller learns the status and a
 * generic detail; the cause goes to the log ({@link ServerErrors}) when it is a 5xx.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        if (cause instanceof RequestRejectedException) {
            status = 400;
        }
        if (status < 400) {
            status = 500;
        }
        String title = ProblemWriter.title(status);
        ServerErrors.mark(request, title, cause);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        boolean bound = MDC.get(RequestIds.MDC_KEY) != null;
        if (!bound) {
            MDC.put(RequestIds.MDC_KEY, RequestIds.of(request));
        }
        try {
            ProblemWriter.write(response, status, title, detail(status));
        } finally {
            if (!bound) {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }
    }

    /** A detail that says what the caller can do, and nothing about the hub's insides. */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (its URL, headers or body could not be read).";
            case 401 -> "A valid bearer token is required.";
            case 403 -> "You may not do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This method is not allowed here.";
            case 408 -> "The request took too long to arrive.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URL is too long.";
            case 415 -> "This media type is not accepted here.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500
                    ? "Something went wrong on our side; quote the correlation id if you report it."
                    : "The request cannot be served.";
        };
    }
}
