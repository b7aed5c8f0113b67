package org.matterhub.portal.problem;

import java.util.Map;
import java.util.UUID;
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

    /**
     * The id in a path, {@code id}, as a UUID. One that is no UUID names nothing the caller could see: 404, like an
     * unknown one ({@code what} names the kind, e.g. "Matter").
     */
    public static UUID pathId(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(what + " " + id);
        }
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
