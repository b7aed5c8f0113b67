package org.matterhub.simulators.imanage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API failure answered with the error body {@code {"error":{"code":…,"message":…}}}. The shape is an
 * assumption (VENDORS.md §2.4: commonly assumed by third-party code, not seen in a primary source).
 */
final class ImanageApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ImanageApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return errorBody(code, getMessage());
    }

    static Map<String, Object> errorBody(String code, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        detail.put("message", message);
        return Map.of("error", detail);
    }

    static ImanageApiException badRequest(String message) {
        return new ImanageApiException(400, "INVALID_REQUEST", message);
    }

    static ImanageApiException notFound(String what) {
        return new ImanageApiException(404, "NOT_FOUND", what + " not found");
    }

    static ImanageApiException methodNotAllowed(String method, String path) {
        return new ImanageApiException(405, "METHOD_NOT_ALLOWED", method + " is not supported on " + path);
    }
}
