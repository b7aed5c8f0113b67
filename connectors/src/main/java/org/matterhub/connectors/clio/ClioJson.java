package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.matterhub.connectors.kernel.VendorResponseException;

/** The connector's Jackson configuration and body decoding (package-private). */
final class ClioJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ClioJson() {
    }

    /** Parses a success body; not-JSON is {@code MALFORMED}. */
    static JsonNode readTree(byte[] body, String method, String path, int status) {
        if (body == null || body.length == 0) {
            throw new VendorResponseException(ClioClient.VENDOR, method, path, status,
                    VendorResponseException.Kind.MALFORMED, null);
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new VendorResponseException(ClioClient.VENDOR, method, path, status,
                        VendorResponseException.Kind.MALFORMED, null);
            }
            return node;
        } catch (IOException e) {
            throw new VendorResponseException(ClioClient.VENDOR, method, path, status,
                    VendorResponseException.Kind.MALFORMED, e);
        }
    }

    /** Maps a JSON node to a record; a mismatch is {@code UNEXPECTED_SHAPE}. */
    static <T> T convert(JsonNode node, Class<T> type, String method, String path, int status) {
        if (node == null || node.isNull() || node.isMissingNode() || !node.isObject()) {
            throw new VendorResponseException(ClioClient.VENDOR, method, path, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw new VendorResponseException(ClioClient.VENDOR, method, path, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new VendorResponseException(ClioClient.VENDOR, method, path, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, e);
        }
    }

    /** Clio's {@code {"error":{"type","message"}}}, or OAuth's {@code {"error","error_description"}}. */
    static String[] errorTypeAndMessage(byte[] body) {
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
                return new String[] {text(error.get("type")), text(error.get("message"))};
            }
            if (error.isTextual()) {
                return new String[] {error.asText(), text(root.get("error_description"))};
            }
            return new String[] {null, text(root.get("message"))};
        } catch (IOException notJson) {
            return new String[] {null, null};
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
