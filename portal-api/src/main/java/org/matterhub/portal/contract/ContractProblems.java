package org.matterhub.portal.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The problems a request that breaks the API contract gets, before any controller runs. Each has a stable {@code type}
 * that clients may rely on; {@code errors} maps each offending input ({@code query.limit}, {@code header.Accept},
 * {@code body.address.city}) to what is wrong with it.
 *
 * <table>
 *   <caption>Problem types</caption>
 *   <tr><th>status</th><th>type</th><th>when</th></tr>
 *   <tr><td>400</td><td>{@value #INVALID_INPUT}</td><td>a parameter, header or body field breaks the contract</td></tr>
 *   <tr><td>422</td><td>{@value #INVALID_REQUEST}</td><td>a body field breaks a value rule: format, pattern,
 *       length, count, required</td></tr>
 *   <tr><td>400</td><td>{@value #MALFORMED_JSON}</td><td>not JSON, trailing tokens, duplicate keys</td></tr>
 *   <tr><td>400</td><td>{@value #CONTROL_CHARACTERS}</td><td>NUL or another control character in a parameter or string</td></tr>
 *   <tr><td>404</td><td>{@value #UNKNOWN_OPERATION}</td><td>no operation of the contract has this path</td></tr>
 *   <tr><td>405</td><td>{@value #METHOD_NOT_ALLOWED}</td><td>the path exists, the method does not</td></tr>
 *   <tr><td>406</td><td>{@value #NOT_ACCEPTABLE}</td><td>{@code Accept} names nothing the operation answers in</td></tr>
 *   <tr><td>413</td><td>{@value #BODY_TOO_LARGE}</td><td>the body is larger than the limit</td></tr>
 *   <tr><td>415</td><td>{@value #UNSUPPORTED_MEDIA_TYPE}</td><td>the body's media type is not one the operation takes</td></tr>
 * </table>
 */
public final class ContractProblems {

    public static final String BASE = "https://matterhub.dev/problems/";
    public static final String INVALID_INPUT = BASE + "invalid-input";
    /** The type bean validation's 422 has too ({@code ProblemAdvice}): a body whose values break a rule. */
    public static final String INVALID_REQUEST = BASE + "invalid-request";
    public static final String MALFORMED_JSON = BASE + "malformed-json";
    public static final String CONTROL_CHARACTERS = BASE + "control-characters";
    public static final String UNKNOWN_OPERATION = BASE + "not-found";
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    public static final String NOT_ACCEPTABLE = BASE + "not-acceptable";
    public static final String BODY_TOO_LARGE = BASE + "body-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractProblems() {
    }

    /** A refusal of a request: status, stable type, title, a detail a person can act on, and the field errors. */
    public record Refusal(int status, String type, String title, String detail, Map<String, String> errors) {

        public static Refusal of(int status, String type, String title, String detail) {
            return new Refusal(status, type, title, detail, Map.of());
        }

        /** Writes the refusal as {@code application/problem+json}. */
        public void write(HttpServletResponse response, String instance) throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            body.put("instance", instance);
            if (!errors.isEmpty()) {
                body.put("errors", errors);
            }
            response.setStatus(status);
            response.setContentType("application/problem+json");
            JSON.writeValue(response.getOutputStream(), body);
        }
    }
}
