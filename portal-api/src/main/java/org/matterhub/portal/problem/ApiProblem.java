package org.matterhub.portal.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An error the API reports as RFC 9457 problem JSON. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what + " does not exist or is not visible to you.");
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    /** 422 naming each invalid field, the shape bean validation's failures have ({@code errors}: field → message). */
    public static ApiProblem invalid(Map<String, String> errors) {
        ApiProblem p = new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request",
                "Some fields are invalid: " + errors + ".");
        p.getBody().setProperty("errors", Map.copyOf(errors));
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(ProblemWriter.type(title));
        return p;
    }
}
