package org.matterhub.portal.problem;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as RFC 9457 problem JSON, with a detail a person can act on. Spring MVC's own errors
 * (405, 406, 415, missing parameters, no such endpoint) get a stable {@code type} too, and are always JSON whatever
 * the caller accepts. An exception's message never reaches the caller: it is the hub's, and goes to the log.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final URI BLANK = URI.create("about:blank");
    /** SQL states of text the database cannot hold: character not in repertoire, untranslatable character. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail;
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'. Known fields: " + u.getKnownPropertyIds() + ".";
        } else if (cause instanceof InvalidFormatException f) {
            detail = "Field '" + path(f) + "' has an invalid value '" + f.getValue() + "'"
                    + (f.getTargetType() != null && f.getTargetType().isEnum()
                    ? "; allowed: " + List.of(f.getTargetType().getEnumConstants()) : "") + ".";
        } else if (cause instanceof MismatchedInputException m) {
            detail = "Field '" + path(m) + "' has the wrong type.";
        } else {
            detail = "The request body is not valid JSON.";
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = ex.getBindingResult().getFieldErrors().stream()
                .collect(Collectors.toMap(e -> e.getField(), e -> String.valueOf(e.getDefaultMessage()), (a, b) -> a));
        ResponseEntity<Object> response = problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request",
                "Some fields are invalid: " + errors + ".");
        ((ProblemDetail) response.getBody()).setProperty("errors", errors);
        return response;
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "a parameter";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "'" + name + "' has an invalid value.");
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address.");
    }

    /** An argument the hub refused: its message names the hub's internals, so it stays in the log. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> badArgument(IllegalArgumentException ex) {
        log.info("Request refused as invalid: {}", ex.getMessage());
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "A value in the request is not valid.");
    }

    /**
     * PostgreSQL refuses a character a text column cannot hold (NUL, or bytes that are no UTF-8): the caller's input,
     * not the hub's fault, so 400, whichever endpoint it came through. Any other integrity failure is a 500.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> unstorable(DataIntegrityViolationException ex, HttpServletRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
                return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                        "The request contains characters that are not allowed (such as NUL).");
            }
        }
        return unexpected(ex, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
        ServerErrors.mark(request, "Internal error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; nothing you sent was partially applied.");
    }

    /**
     * Every answer of this advice passes here: a framework problem ({@code about:blank}) gets the type of its
     * status, a framework 5xx loses its detail, a 5xx gets the correlation id, and the answer is JSON.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        int status = statusCode.value();
        ProblemDetail p = body instanceof ProblemDetail d ? d : ProblemDetail.forStatus(status);
        if (p.getType() == null || BLANK.equals(p.getType())) {
            p.setTitle(ProblemWriter.title(status));
            p.setType(ProblemWriter.type(p.getTitle()));
            if (status >= 500) {
                p.setDetail(ProblemErrorController.detail(status));
            }
        }
        if (status >= 500 && (p.getProperties() == null || !p.getProperties().containsKey("correlationId"))) {
            p.setProperty("correlationId", RequestIds.current());
        }
        if (request instanceof NativeWebRequest n && n.getNativeRequest() instanceof HttpServletRequest servlet) {
            ServerErrors.mark(servlet, p.getTitle(), null);
        }
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(p, out, statusCode);
    }

    static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemWriter.problem(status.value(), title, detail));
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
