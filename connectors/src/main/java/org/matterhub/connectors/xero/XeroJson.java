package org.matterhub.connectors.xero;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Jackson for the parts the SDK does not cover (token responses, error bodies, webhooks); package-private. */
final class XeroJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private XeroJson() {
    }

    /**
     * What an error body says.
     *
     * @param type             {@code Type} of a validation error, {@code Title} of a problem body, OAuth {@code error}
     * @param message          {@code Message}, {@code Detail} or {@code error_description}
     * @param validationErrors every {@code Elements[].ValidationErrors[].Message}
     */
    record ErrorBody(String type, String message, List<String> validationErrors) {

        static final ErrorBody NONE = new ErrorBody(null, null, List.of());
    }

    /**
     * Reads Xero's error shapes (VENDORS §5.6): the 400 {@code {"ErrorNumber","Type","Message","Elements":[{…,
     * "ValidationErrors":[{"Message"}]}]}}, the problem body {@code {"Title","Status","Detail"}}, and OAuth's
     * {@code {"error","error_description"}}. Anything else yields {@link ErrorBody#NONE}.
     */
    static ErrorBody error(String body) {
        if (body == null || body.isBlank()) {
            return ErrorBody.NONE;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException notJson) {
            return ErrorBody.NONE;
        }
        if (root == null || !root.isObject()) {
            return ErrorBody.NONE;
        }
        if (root.path("error").isTextual()) {
            return new ErrorBody(root.get("error").asText(), text(root.get("error_description")), List.of());
        }
        List<String> validation = new ArrayList<>();
        for (JsonNode element : root.path("Elements")) {
            for (JsonNode ve : element.path("ValidationErrors")) {
                String m = text(ve.get("Message"));
                if (m != null) {
                    validation.add(m);
                }
            }
        }
        String type = text(root.get("Type"));
        if (type == null) {
            type = text(root.get("Title"));
        }
        String message = text(root.get("Message"));
        if (message == null) {
            message = text(root.get("Detail"));
        }
        return new ErrorBody(type, message, validation);
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }
}
