package org.matterhub.simulators.clio;

import java.util.LinkedHashMap;
import java.util.Map;

/** An API failure answered with Clio's error body {@code {"error":{"type":…,"message":…}}}. */
final class ClioApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    ClioApiException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return errorBody(type, getMessage());
    }

    static Map<String, Object> errorBody(String type, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", type);
        detail.put("message", message);
        return Map.of("error", detail);
    }

    static ClioApiException badRequest(String message) {
        return new ClioApiException(400, "ArgumentError", message);
    }

    static ClioApiException unprocessable(String message) {
        return new ClioApiException(422, "ValidationError", message);
    }

    static ClioApiException notFound(String what) {
        return new ClioApiException(404, "RecordNotFound", what + " not found");
    }

    static ClioApiException preconditionFailed() {
        return new ClioApiException(412, "PreconditionFailed",
                "The resource has been modified since it was last retrieved (If-Match does not match ETag)");
    }
}
