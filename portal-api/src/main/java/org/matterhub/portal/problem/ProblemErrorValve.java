package org.matterhub.portal.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error report (a URL the connector refuses: {@code %2F}, {@code %00}, an invalid encoding, headers
 * too large, a request no context was mapped for) as problem JSON instead of Tomcat's HTML page. It stands in for
 * {@link ErrorReportValve} on the host; errors that reach the application are answered by
 * {@link ProblemErrorController} before this valve sees them.
 */
public class ProblemErrorValve extends ErrorReportValve {

    private final ServerErrors errors;

    public ProblemErrorValve(ServerErrors errors) {
        this.errors = errors;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String id = RequestIds.of(request);
        String title = ProblemWriter.title(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setType(ProblemWriter.type(title));
        problem.setDetail(ProblemErrorController.detail(status));
        if (status >= 500) {
            problem.setProperty("correlationId", id);
            ServerErrors.mark(request, title, throwable);
            errors.report(request, status);
        }
        try {
            response.setHeader(RequestIds.HEADER, id);
            response.setContentType(ProblemWriter.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemWriter.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response was committed meanwhile: nothing more can be said.
        }
    }
}
