package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.ApiError;

import java.util.Map;

/**
 * An API failure answered with the error body {@code {"error":{"code":…,"message":…}}}. The shape is an
 * assumption (VENDORS.md §2.4: commonly assumed by third-party code, not seen in a primary source).
 */
final class ImanageApiException extends ApiError {

    ImanageApiException(int status, String code, String message) {
        super(status, ApiError.nested("code", code, message), message);
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

    static Map<String, Object> errorBody(String code, String message) {
        return ApiError.nested("code", code, message);
    }
}
