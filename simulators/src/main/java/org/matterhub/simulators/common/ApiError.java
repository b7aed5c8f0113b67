package org.matterhub.simulators.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vendor API failure: the HTTP status and the body in the vendor's own error shape. Each simulator has one
 * subclass with factories for its vendor's errors; the kit answers any of them with {@link #status()} and
 * {@link #body()}.
 */
public abstract class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object body;

    /** A failure answered with {@code status} and {@code body} (a JSON value in the vendor's error shape). */
    protected ApiError(int status, Object body, String message) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The response body (a JSON value) in the vendor's error shape. */
    public Object body() {
        return body;
    }

    /** {@code {"error":{codeField:code,"message":message}}} */
    public static Map<String, Object> nested(String codeField, String code, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(codeField, code);
        detail.put("message", message);
        return Map.of("error", detail);
    }

    /** {@code {"error":code,"message":message}} */
    public static Map<String, Object> flat(String code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", code);
        out.put("message", message);
        return out;
    }
}
