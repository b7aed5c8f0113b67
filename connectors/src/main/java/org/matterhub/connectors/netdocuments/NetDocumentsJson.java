package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.matterhub.connectors.kernel.VendorResponseException;

/** The connector's Jackson configuration and body decoding (package-private). */
final class NetDocumentsJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private NetDocumentsJson() {
    }

    /** Parses a success body; not-JSON is {@code MALFORMED}. */
    static JsonNode readTree(byte[] body, String method, String path, int status) {
        if (body == null || body.length == 0) {
            throw malformed(method, path, status, null);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw malformed(method, path, status, null);
            }
            return node;
        } catch (IOException e) {
            throw malformed(method, path, status, e);
        }
    }

    /** Maps a JSON object to a record; a mismatch is {@code UNEXPECTED_SHAPE}. */
    static <T> T convert(JsonNode node, Class<T> type, String method, String path, int status) {
        if (node == null || !node.isObject()) {
            throw shape(method, path, status, null);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw shape(method, path, status, e);
        }
    }

    /**
     * The error code and message of an error body: {@code {"error":"NotFound","message":…}} (the simulator's
     * assumed shape; NetDocuments only says 4xx/5xx bodies describe the problem), OAuth's
     * {@code {"error","error_description"}}, or a nested {@code {"error":{"code","message"}}}.
     */
    static String[] errorCodeAndMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return new String[] {null, null};
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null) {
                return new String[] {null, null};
            }
            JsonNode error = root.path("error");
            if (error.isObject()) {
                return new String[] {text(error.get("code")), text(error.get("message"))};
            }
            if (error.isTextual()) {
                String message = text(root.get("error_description"));
                return new String[] {error.asText(), message != null ? message : text(root.get("message"))};
            }
            return new String[] {null, text(root.get("message"))};
        } catch (IOException notJson) {
            return new String[] {null, null};
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VendorResponseException malformed(String method, String path, int status, Throwable cause) {
        return new VendorResponseException(NetDocumentsClient.VENDOR, method, path, status,
                VendorResponseException.Kind.MALFORMED, cause);
    }

    private static VendorResponseException shape(String method, String path, int status, Throwable cause) {
        return new VendorResponseException(NetDocumentsClient.VENDOR, method, path, status,
                VendorResponseException.Kind.UNEXPECTED_SHAPE, cause);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
