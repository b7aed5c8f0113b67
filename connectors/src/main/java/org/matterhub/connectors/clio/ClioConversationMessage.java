package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A message of a Clio conversation (schema {@code ConversationMessage}). It has no subject or matter of its own:
 * both are its conversation's.
 *
 * @param body         the text
 * @param sender       who wrote it (a firm {@code User}, or a client contact: {@code Person} / {@code Company})
 * @param conversation the conversation it belongs to (id and subject)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioConversationMessage(
        long id,
        String etag,
        String body,
        Participant sender,
        ConversationRef conversation,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** The conversation's id. */
    public long conversationId() {
        return conversation.id();
    }

    /** Whether {@code body} carries {@code marker} (the hub's own message, or its retry). */
    public boolean carries(String marker) {
        return body != null && body.contains(marker);
    }

    /** Someone who writes or receives messages, as Clio's {@code Participant_base} has it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Participant(Long id, String type, String name) {
        /** Whether this is a member of the firm's staff (a Clio {@code User}), not a client contact. */
        public boolean isUser() {
            return "User".equals(type);
        }
    }

    /** The nested conversation of a message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConversationRef(long id, String subject) {
    }
}
