package org.matterhub.connectors.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A vendor's JSON: the connectors' one Jackson configuration (unknown properties ignored, ISO dates, nulls left
 * out), decoding of success bodies into the kernel's exceptions, and the reading of error bodies.
 *
 * <p>A success body that is not JSON is {@link VendorResponseException.Kind#MALFORMED}; JSON of another shape than
 * the record expects is {@link VendorResponseException.Kind#UNEXPECTED_SHAPE}.
 */
public final class VendorJson {

    /** What an error body says: a machine-readable code and a message, either possibly null. */
    public record ErrorBody(String code, String message) {

        /** Nothing usable. */
        public static final ErrorBody NONE = new ErrorBody(null, null);
    }

    private final String vendor;
    private final String errorCodeField;
    private final ObjectMapper mapper = newMapper();

    /**
     * @param vendor         vendor name in exceptions
     * @param errorCodeField the member of a nested {@code {"error":{…}}} object that holds the code
     *                       ({@code code} for iManage and NetDocuments, {@code type} for Clio)
     */
    public VendorJson(String vendor, String errorCodeField) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.errorCodeField = Objects.requireNonNull(errorCodeField, "errorCodeField");
    }

    /** A new mapper with the connectors' configuration. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** This vendor's mapper. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a success body; empty or not JSON is {@code MALFORMED}. */
    public JsonNode readTree(byte[] body, String method, String path, int status) {
        if (body == null || body.length == 0) {
            throw malformed(method, path, status, null);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw malformed(method, path, status, null);
            }
            return node;
        } catch (IOException e) {
            throw malformed(method, path, status, e);
        }
    }

    /** Maps a JSON object to a record; anything else, or a mismatch, is {@code UNEXPECTED_SHAPE}. */
    public <T> T convert(JsonNode node, Class<T> type, String method, String path, int status) {
        if (node == null || !node.isObject()) {
            throw shape(method, path, status, null);
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw shape(method, path, status, e);
        }
    }

    /** Maps every object of a JSON array; a missing or non-array node is {@code UNEXPECTED_SHAPE}. */
    public <T> List<T> convertAll(JsonNode array, Class<T> type, String method, String path, int status) {
        if (array == null || !array.isArray()) {
            throw shape(method, path, status, null);
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            out.add(convert(item, type, method, path, status));
        }
        return out;
    }

    /** Writes a value or a tree as JSON bytes. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The code and message of an error body: a nested {@code {"error":{"<code field>","message"}}}, OAuth's
     * {@code {"error","error_description"}} (or {@code message} when there is no description), or a bare
     * {@code {"message"}}. Anything else, including bytes that are not JSON, is {@link ErrorBody#NONE}.
     */
    public ErrorBody error(byte[] body) {
        if (body == null || body.length == 0) {
            return ErrorBody.NONE;
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null) {
                return ErrorBody.NONE;
            }
            JsonNode error = root.path("error");
            if (error.isObject()) {
                return new ErrorBody(text(error.get(errorCodeField)), text(error.get("message")));
            }
            if (error.isTextual()) {
                String description = text(root.get("error_description"));
                return new ErrorBody(error.asText(), description != null ? description : text(root.get("message")));
            }
            return new ErrorBody(null, text(root.get("message")));
        } catch (IOException notJson) {
            return ErrorBody.NONE;
        }
    }

    /** {@link #error} as {@code {code, message}}, the form {@link OAuthTokenEndpoint.ErrorReader} reads. */
    public String[] errorCodeAndMessage(byte[] body) {
        ErrorBody e = error(body);
        return new String[] {e.code(), e.message()};
    }

    /** The exception for valid JSON of an unexpected shape. */
    public VendorResponseException shape(String method, String path, int status, Throwable cause) {
        return new VendorResponseException(vendor, method, path, status, VendorResponseException.Kind.UNEXPECTED_SHAPE,
                cause);
    }

    private VendorResponseException malformed(String method, String path, int status, Throwable cause) {
        return new VendorResponseException(vendor, method, path, status, VendorResponseException.Kind.MALFORMED, cause);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
