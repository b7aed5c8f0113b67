package org.matterhub.connectors.clio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Clio conversations (secure client messages) for one connection, through the {@link ClioClient} pipeline (rate
 * limit, token refresh, error mapping). Clio's OpenAPI document has no {@code POST /conversations.json}: a conversation
 * starts with its first message ({@code ConversationMessage#create} with a {@code matter} and no {@code conversation}).
 * It has no idempotency key either: a caller that may retry after a lost response first looks for its marker
 * ({@link #findMessageWithMarker}, {@link #findMessageOnMatter}). There is no conversation webhook model: new messages
 * are found by polling ({@link #messagesUpdatedSince}). docs/vendors/clio.md, "Conversations".
 *
 * <p>Thread-safe.
 */
public final class ClioConversations {

    /** Fields read for conversations. */
    public static final String CONVERSATION_FIELDS = "id,etag,subject,message_count,matter{id},created_at,updated_at";

    /**
     * Fields read for messages. {@code sender}'s schema ({@code UnredactedParticipant_base}) lists no fields; these are
     * {@code Participant_base}'s.
     */
    public static final String MESSAGE_FIELDS =
            "id,etag,body,created_at,updated_at,sender{id,type,name},conversation{id,subject}";

    private static final String CONVERSATIONS = "/conversations.json";
    private static final String MESSAGES = "/conversation_messages.json";

    private final ClioClient client;

    public ClioConversations(ClioClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Who a message is addressed to: a client {@code Contact} or a firm {@code User}, by Clio id. */
    public record Receiver(long id, String type) {
        public Receiver {
            if (!"Contact".equals(type) && !"User".equals(type)) {
                throw new IllegalArgumentException("type must be Contact or User");
            }
        }

        public static Receiver contact(long id) {
            return new Receiver(id, "Contact");
        }

        public static Receiver user(long id) {
            return new Receiver(id, "User");
        }
    }

    /** A conversation that changed, with its messages updated since the poll's start (oldest first). */
    public record Changed(ClioConversation conversation, List<ClioConversationMessage> messages) {
        public Changed {
            messages = List.copyOf(messages);
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Starts a conversation on a matter with its first message; the message's {@link ClioConversationMessage#conversation}
     * is the new conversation. Not idempotent: retry only after {@link #findMessageOnMatter} found nothing.
     */
    // https://docs.developers.clio.com/api-reference/#tag/Conversation-Messages/operation/ConversationMessage#create
    public ClioConversationMessage startConversation(long matterId, String subject, String body, List<Receiver> receivers) {
        ObjectNode data = message(subject, body, receivers);
        data.putObject("matter").put("id", matterId);
        return create(data);
    }

    /**
     * Posts a message into a conversation. Clio requires a {@code subject} on every message (the conversation keeps
     * its own). Not idempotent: retry only after {@link #findMessageWithMarker} found nothing.
     *
     * @throws ClioNotFoundException when the conversation no longer exists
     */
    // https://docs.developers.clio.com/api-reference/#tag/Conversation-Messages/operation/ConversationMessage#create
    public ClioConversationMessage postMessage(long conversationId, String subject, String body, List<Receiver> receivers) {
        ObjectNode data = message(subject, body, receivers);
        data.putObject("conversation").put("id", conversationId);
        return create(data);
    }

    // ---------------------------------------------------------------- reads

    /** One conversation. @throws ClioNotFoundException when it does not exist. */
    // https://docs.developers.clio.com/api-reference/#tag/Conversations/operation/Conversation#show
    public ClioConversation getConversation(long id) {
        String path = "/conversations/" + id + ".json";
        return client.call("GET", path, Map.of("fields", CONVERSATION_FIELDS), null).member("data", ClioConversation.class);
    }

    /** The conversations updated since {@code since} (every one when null), every page, ascending id. */
    // https://docs.developers.clio.com/api-reference/#tag/Conversations/operation/Conversation#index
    public List<ClioConversation> conversationsUpdatedSince(Instant since) {
        Map<String, String> q = index(CONVERSATION_FIELDS);
        if (since != null) {
            q.put("updated_since", since.toString());
        }
        return client.all(CONVERSATIONS, q, ClioConversation.class);
    }

    /** A matter's conversations, every page, ascending id. */
    // https://docs.developers.clio.com/api-reference/#tag/Conversations/operation/Conversation#index
    public List<ClioConversation> matterConversations(long matterId) {
        Map<String, String> q = index(CONVERSATION_FIELDS);
        q.put("matter_id", Long.toString(matterId));
        return client.all(CONVERSATIONS, q, ClioConversation.class);
    }

    /**
     * A conversation's messages updated since {@code since} (every one when null), every page, oldest first. Clio words
     * its {@code updated_since} as comparing the conversation's {@code updated_at}; the messages are also filtered here
     * on their own, so the answer is the same under either reading.
     */
    // https://docs.developers.clio.com/api-reference/#tag/Conversation-Messages/operation/ConversationMessage#index
    public List<ClioConversationMessage> messages(long conversationId, Instant since) {
        Map<String, String> q = index(MESSAGE_FIELDS);
        q.put("conversation_id", Long.toString(conversationId));
        if (since != null) {
            q.put("updated_since", since.toString());
        }
        List<ClioConversationMessage> all = client.all(MESSAGES, q, ClioConversationMessage.class);
        return since == null ? all : all.stream().filter(m -> m.updatedAt() == null || !m.updatedAt().isBefore(since)).toList();
    }

    /**
     * What changed since {@code since} (everything when null): each conversation updated since then, with its
     * messages updated since then, ordered by the conversation's {@code updated_at} then id. The next poll starts
     * from the last conversation's {@code updatedAt} (inclusive: the caller dedupes by message id).
     */
    public List<Changed> messagesUpdatedSince(Instant since) {
        List<ClioConversation> changed = new ArrayList<>(conversationsUpdatedSince(since));
        changed.sort(Comparator.comparing(ClioConversation::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(ClioConversation::id));
        List<Changed> out = new ArrayList<>();
        for (ClioConversation c : changed) {
            List<ClioConversationMessage> messages = messages(c.id(), since);
            if (!messages.isEmpty()) {
                out.add(new Changed(c, messages));
            }
        }
        return out;
    }

    /**
     * The first message of a conversation whose body carries {@code marker} (Clio's {@code query} searches bodies; the
     * match is confirmed here), or empty.
     */
    // https://docs.developers.clio.com/api-reference/#tag/Conversation-Messages/operation/ConversationMessage#index
    public Optional<ClioConversationMessage> findMessageWithMarker(long conversationId, String marker) {
        requireMarker(marker);
        Map<String, String> q = index(MESSAGE_FIELDS);
        q.put("conversation_id", Long.toString(conversationId));
        q.put("query", marker);
        return client.all(MESSAGES, q, ClioConversationMessage.class).stream().filter(m -> m.carries(marker)).findFirst();
    }

    /**
     * The first message carrying {@code marker} in any conversation of a matter, or empty: what a retried
     * {@link #startConversation} checks, since its conversation may or may not exist.
     */
    public Optional<ClioConversationMessage> findMessageOnMatter(long matterId, String marker) {
        requireMarker(marker);
        for (ClioConversation c : matterConversations(matterId)) {
            Optional<ClioConversationMessage> found = findMessageWithMarker(c.id(), marker);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- internals

    private ClioConversationMessage create(ObjectNode data) {
        ObjectNode root = ClioJson.MAPPER.createObjectNode();
        root.set("data", data);
        return client.call("POST", MESSAGES, Map.of("fields", MESSAGE_FIELDS), root)
                .member("data", ClioConversationMessage.class);
    }

    private static ObjectNode message(String subject, String body, List<Receiver> receivers) {
        Objects.requireNonNull(receivers, "receivers");
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("Clio requires at least one receiver");
        }
        ObjectNode data = ClioJson.MAPPER.createObjectNode();
        data.put("subject", Objects.requireNonNull(subject, "subject"));
        data.put("body", Objects.requireNonNull(body, "body"));
        ArrayNode to = data.putArray("receivers");
        for (Receiver r : receivers) {
            to.addObject().put("id", r.id()).put("type", r.type());
        }
        return data;
    }

    private Map<String, String> index(String fields) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("fields", fields);
        q.put("order", "id(asc)");
        q.put("limit", Integer.toString(client.pageSize()));
        return q;
    }

    private static void requireMarker(String marker) {
        if (marker == null || marker.isBlank()) {
            throw new IllegalArgumentException("marker is required");
        }
    }
}
