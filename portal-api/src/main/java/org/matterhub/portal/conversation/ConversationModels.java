package org.matterhub.portal.conversation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the matter conversation (openapi.yaml, tag "Conversation"). */
public final class ConversationModels {

    private ConversationModels() {
    }

    /** A new thread with its first message; {@code documentId} anchors it to a document of the matter. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record StartThreadRequest(@NotBlank @Size(max = 200) String subject, UUID documentId,
                                     @NotNull @Size(min = 1, max = 20000) String body,
                                     @Size(max = 10) List<@NotNull UUID> attachments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PostMessageRequest(@NotNull @Size(min = 1, max = 20000) String body,
                                     @Size(max = 10) List<@NotNull UUID> attachments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ThreadView(UUID id, UUID matterId, UUID documentId, String subject, Instant createdAt,
                             Instant lastMessageAt, long messageCount, long unreadCount) {
    }

    public record ThreadList(List<ThreadView> items) {
    }

    public record Attachment(UUID documentId, String title) {
    }

    public enum AuthorKind { client, staff, system }

    public enum Origin { portal, clio, email }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(AuthorKind kind, String name, Boolean you) {
    }

    public record MessageView(UUID id, UUID threadId, Author author, String body, List<Attachment> attachments,
                              Origin origin, Instant createdAt) {
    }

    /** A page of messages, oldest first; {@code next} continues after the last one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessagePage(List<MessageView> items, String next) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(String kind, Instant at, UUID id, UUID threadId, UUID documentId, String actor,
                                String title, String detail) {
    }

    /** A page of a timeline, newest first; {@code next} continues with older entries. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelinePage(List<TimelineEntry> items, String next) {
    }
}
