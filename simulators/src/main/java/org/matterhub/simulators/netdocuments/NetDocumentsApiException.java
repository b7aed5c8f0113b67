package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.ApiError;

import java.util.Map;

/**
 * An API failure answered with {@code {"error":…,"message":…}}. NetDocuments documents only that 4xx/5xx
 * bodies carry "a JSON or XML object with information about the problem"; the shape is an assumption.
 */
final class NetDocumentsApiException extends ApiError {

    NetDocumentsApiException(int status, String code, String message) {
        super(status, ApiError.flat(code, message), message);
    }

    static NetDocumentsApiException badRequest(String message) {
        return new NetDocumentsApiException(400, "BadRequest", message);
    }

    static NetDocumentsApiException notFound(String what) {
        return new NetDocumentsApiException(404, "NotFound", what + " not found");
    }

    static Map<String, Object> errorBody(String code, String message) {
        return ApiError.flat(code, message);
    }
}
