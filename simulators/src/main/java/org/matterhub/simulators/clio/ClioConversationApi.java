package org.matterhub.simulators.clio;

import org.matterhub.simulators.clio.ClioConversationRecords.Conversation;
import org.matterhub.simulators.clio.ClioConversationRecords.Participant;
import org.matterhub.simulators.common.SimExchange;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The conversation paths of Clio's OpenAPI document ("Conversations" and "Conversation Messages" tags):
 * {@code GET /conversations.json} (Conversation#index), {@code GET /conversations/{id}.json} (Conversation#show),
 * {@code GET|POST /conversation_messages.json} (ConversationMessage#index, #create) and
 * {@code GET /conversation_messages/{id}.json} (ConversationMessage#show). Paging, {@code fields}, ETags and errors are
 * {@link ClioApi}'s. The document has no {@code POST /conversations.json} (a conversation starts with its first
 * message) and Conversation#update is not simulated.
 */
final class ClioConversationApi {

    static final String CONVERSATION = "Conversation";
    static final String MESSAGE = "ConversationMessage";
    private static final Pattern ITEM = Pattern.compile("^/(conversations|conversation_messages)/(\\d+)\\.json$");
    private static final Set<String> LISTS = Set.of("/conversations.json", "/conversation_messages.json");

    private final ClioConversationData conversations;

    ClioConversationApi(ClioConversationData conversations) {
        this.conversations = conversations;
    }

    /** Whether {@code path} (below {@code /api/v4}) is one of these endpoints. */
    static boolean handles(String path) {
        return LISTS.contains(path) || ITEM.matcher(path).matches();
    }

    /** Serves one request; {@code apiUser} is the Clio user the access token belongs to (the sender of a post). */
    void route(SimExchange ex, String path, Map<String, Object> apiUser, ClioApi api) {
        String m = ex.method();
        switch (path) {
            case "/conversations.json" -> {
                if (!"GET".equals(m)) {
                    // Clio's document has Conversation#index only on this path: a conversation starts with a message
                    throw new ClioApiException(404, "RecordNotFound", "No route matches " + m + " " + ClioApi.PREFIX + path);
                }
                // Conversation#index
                api.list(ex, conversations.findConversations(conversationFilter(ex), api.commonFilter(ex)), CONVERSATION);
            }
            case "/conversation_messages.json" -> {
                if ("POST".equals(m)) {
                    // ConversationMessage#create
                    ClioFields.Selection sel = ClioApiParams.selection(ex, MESSAGE);
                    Map<String, Object> data = ClioApiParams.dataObject(ClioApiParams.jsonBody(ex));
                    ClioApi.sendOne(ex, 201, conversations.create(data, sender(apiUser)), sel);
                } else {
                    ClioApiParams.requireMethod(m, "GET");
                    // ConversationMessage#index
                    api.list(ex, messages(ex), MESSAGE);
                }
            }
            default -> {
                Matcher item = ITEM.matcher(path);
                item.matches();
                ClioApiParams.requireMethod(m, "GET");
                long id = ClioApiParams.parseId(item.group(2));
                if ("conversations".equals(item.group(1))) {
                    // Conversation#show
                    api.show(ex, conversations.findConversation(id), "Conversation " + id, CONVERSATION);
                } else {
                    // ConversationMessage#show
                    api.show(ex, conversations.findMessage(id), "ConversationMessage " + id, MESSAGE);
                }
            }
        }
    }

    private static Participant sender(Map<String, Object> apiUser) {
        if (apiUser == null) {
            throw new ClioApiException(403, "Forbidden", "No user for this access token");
        }
        return new Participant(((Number) apiUser.get("id")).longValue(), "User", (String) apiUser.get("name"));
    }

    /** {@code matter_id} (the keyword {@code null}: conversations without a matter), {@code contact_id}, {@code archived}. */
    private static Predicate<Conversation> conversationFilter(SimExchange ex) {
        Predicate<Conversation> p = c -> true;
        String matterId = ex.param("matter_id");
        if ("null".equals(matterId)) {
            p = p.and(c -> c.matterId == null);
        } else if (matterId != null) {
            long id = ClioApiParams.parseLongParam("matter_id", matterId);
            p = p.and(c -> c.matterId != null && c.matterId == id);
        }
        String contactId = ex.param("contact_id");
        if (contactId != null) {
            String key = "Contact:" + ClioApiParams.parseLongParam("contact_id", contactId);
            p = p.and(c -> c.members.stream().anyMatch(member -> member.key().equals(key)));
        }
        String archived = ex.param("archived");
        if (archived != null) {
            if (!"true".equals(archived) && !"false".equals(archived)) {
                throw ClioApiException.badRequest("archived must be true or false");
            }
            boolean wanted = Boolean.parseBoolean(archived);
            p = p.and(c -> c.archived == wanted);
        }
        return p;
    }

    /**
     * The messages of the required {@code conversation_id} (the keyword {@code null} matches none: every message has a
     * conversation). {@code updated_since} and {@code created_since} compare the related conversation's times, as the
     * document words them; {@code ids[]}; {@code query}, a case-insensitive search of {@code body}.
     */
    private List<Map<String, Object>> messages(SimExchange ex) {
        String conversationId = ex.param("conversation_id");
        if (conversationId == null || conversationId.isBlank()) {
            throw ClioApiException.badRequest("conversation_id is required");
        }
        Predicate<Map<String, Object>> p = since(ex, "updated_since", "updated_at")
                .and(since(ex, "created_since", "created_at"));
        List<String> ids = ex.query().get("ids[]");
        if (ids != null) {
            Set<Long> wanted = ids.stream().map(s -> ClioApiParams.parseLongParam("ids[]", s)).collect(Collectors.toSet());
            p = p.and(r -> wanted.contains(((Number) r.get("id")).longValue()));
        }
        String query = ex.param("query");
        if (query != null && !query.isBlank()) {
            String q = query.toLowerCase(Locale.ROOT);
            p = p.and(r -> ClioApiParams.contains(r.get("body"), q));
        }
        if ("null".equals(conversationId)) {
            return List.of();
        }
        return conversations.findMessages(ClioApiParams.parseLongParam("conversation_id", conversationId), p);
    }

    private static Predicate<Map<String, Object>> since(SimExchange ex, String param, String field) {
        Instant since = ClioApiParams.instantParam(ex, param);
        if (since == null) {
            return r -> true;
        }
        return r -> !OffsetDateTime.parse((String) ((Map<?, ?>) r.get("conversation")).get(field)).toInstant()
                .isBefore(since);
    }
}
