package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.ApiError;

import java.util.Map;

/** An API failure answered with Clio's error body {@code {"error":{"type":…,"message":…}}}. */
final class ClioApiException extends ApiError {

    ClioApiException(int status, String type, String message) {
        super(status, ApiError.nested("type", type, message), message);
    }

    static ClioApiException notFound(String what) {
        return new ClioApiException(404, "RecordNotFound", what + " not found");
    }

    static ClioApiException badRequest(String message) {
        return new ClioApiException(400, "ArgumentError", message);
    }

    static ClioApiException unprocessable(String message) {
        return new ClioApiException(422, "ValidationError", message);
    }

    static ClioApiException preconditionFailed() {
        return new ClioApiException(412, "PreconditionFailed",
                "The resource has been modified since it was last retrieved (If-Match does not match ETag)");
    }

    static Map<String, Object> errorBody(String type, String message) {
        return ApiError.nested("type", type, message);
    }
}
