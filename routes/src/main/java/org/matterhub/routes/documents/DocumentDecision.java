package org.matterhub.routes.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * A client's decision on a document on its way back to the systems of record: the payload of an outbox row of kind
 * {@code document.action}, written by the portal with the state change.
 *
 * @param action {@code approve}, {@code request_changes} or {@code close}
 * @param target {@code dms} (the document's DMS) or {@code practice_management} (the matter's Clio)
 */
public record DocumentDecision(UUID actionId, UUID documentId, UUID matterId, String title, Integer versionNumber,
                               String action, String comment, UUID userId, Instant occurredAt, String target) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static DocumentDecision parse(String payload) throws IOException {
        JsonNode p = JSON.readTree(payload);
        return new DocumentDecision(UUID.fromString(p.path("actionId").asText()),
                UUID.fromString(p.path("documentId").asText()), UUID.fromString(p.path("matterId").asText()),
                p.path("title").asText(), p.hasNonNull("versionNumber") ? p.get("versionNumber").asInt() : null,
                p.path("action").asText(), p.hasNonNull("comment") ? p.get("comment").asText() : null,
                p.hasNonNull("userId") ? UUID.fromString(p.get("userId").asText()) : null,
                Instant.parse(p.path("occurredAt").asText()), p.path("target").asText());
    }
}
