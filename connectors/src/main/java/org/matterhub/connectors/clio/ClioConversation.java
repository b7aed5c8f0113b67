package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A Clio conversation (schema {@code Conversation}): a secure thread between the firm and clients, usually on a
 * matter. Its {@code updated_at} moves when a message is posted into it.
 *
 * @param matter       the matter it belongs to (its id), or null
 * @param messageCount how many messages it holds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioConversation(
        long id,
        String etag,
        String subject,
        @JsonProperty("message_count") Integer messageCount,
        ClioNote.ClioRef matter,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** The matter's id, or null for a conversation without one. */
    public Long matterId() {
        return matter == null ? null : matter.id();
    }
}
