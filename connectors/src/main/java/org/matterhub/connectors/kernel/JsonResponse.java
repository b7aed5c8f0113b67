package org.matterhub.connectors.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful response's JSON body, with what to name in an exception when it is not what the call expects.
 *
 * @param json   the vendor's JSON reader
 * @param method the request's method
 * @param path   the path named in exceptions
 * @param status the (2xx) status
 * @param body   the whole body
 */
public record JsonResponse(VendorJson json, String method, String path, int status, byte[] body) {

    /** The parsed body. */
    public JsonNode tree() {
        return json.readTree(body, method, path, status);
    }

    /** The whole body as one record. */
    public <T> T as(Class<T> type) {
        return convert(tree(), type);
    }

    /** The body's member {@code name}, an object, as one record (e.g. the {@code data} of an envelope). */
    public <T> T member(String name, Class<T> type) {
        return convert(tree().get(name), type);
    }

    /** The body, an array, as records. */
    public <T> List<T> list(Class<T> type) {
        return listOf(tree(), type);
    }

    /** The body's member {@code name}, an array, as records. */
    public <T> List<T> list(String name, Class<T> type) {
        return listOf(tree().get(name), type);
    }

    /** {@code node} (part of this body) as one record. */
    public <T> T convert(JsonNode node, Class<T> type) {
        return json.convert(node, type, method, path, status);
    }

    /** {@code array} (part of this body) as records; anything but an array is an unexpected shape. */
    public <T> List<T> listOf(JsonNode array, Class<T> type) {
        return json.convertAll(array, type, method, path, status);
    }

    /** The exception for a body of an unexpected shape. */
    public VendorResponseException unexpectedShape() {
        return json.shape(method, path, status, null);
    }
}
