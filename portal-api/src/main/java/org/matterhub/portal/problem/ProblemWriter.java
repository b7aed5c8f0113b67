package org.matterhub.portal.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every error the hub answers: RFC 9457 problem JSON whose {@code type} is
 * {@code https://matterhub.dev/problems/{slug of the title}}. Controllers get it through {@link ProblemAdvice};
 * filters, Spring Security's handlers, the {@code /error} dispatch ({@link ProblemErrorController}) and Tomcat's
 * error report ({@link ProblemErrorValve}) write it with {@link #write}. A 5xx also carries the request's
 * correlation id ({@link RequestIds}), which the hub's one log line about it names too ({@link ServerErrors}).
 */
public final class ProblemWriter {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://matterhub.dev/problems/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    /** The stable {@code type} URI of a problem with this title. */
    public static URI type(String title) {
        return URI.create(TYPE_BASE + slug(title));
    }

    /** The stable slug of a title ({@code "Not found"} → {@code not-found}). */
    public static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** The title of a status a handler did not name ({@code 405} → {@code Method not allowed}). */
    public static String title(int status) {
        if (status == 500) {
            return "Internal error";
        }
        HttpStatus known = HttpStatus.resolve(status);
        String phrase = known == null ? (status >= 500 ? "Internal error" : "Bad request") : known.getReasonPhrase();
        return phrase.charAt(0) + phrase.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A problem for controller advice; a 5xx carries the correlation id of the request being served. */
    public static ProblemDetail problem(int status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setTitle(title);
        p.setDetail(detail);
        p.setType(type(title));
        if (status >= 500) {
            p.setProperty("correlationId", RequestIds.current());
        }
        return p;
    }

    /** Writes a problem from a filter or handler, where controller advice does not reach. */
    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        write(response, problem(status, title, detail));
    }

    /** Writes {@code problem} as the whole response (nothing may have been committed yet). */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body(problem));
    }

    /** The JSON members of a problem, extension members last. */
    public static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** The problem as JSON text. */
    public static String json(ProblemDetail problem) {
        try {
            return JSON.writeValueAsString(body(problem));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
