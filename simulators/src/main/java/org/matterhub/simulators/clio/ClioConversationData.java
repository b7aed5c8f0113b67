package org.matterhub.simulators.clio;

import org.matterhub.simulators.clio.ClioConversationRecords.Conversation;
import org.matterhub.simulators.clio.ClioConversationRecords.Message;
import org.matterhub.simulators.clio.ClioConversationRecords.Participant;
import org.matterhub.simulators.clio.ClioRecords.Contact;
import org.matterhub.simulators.clio.ClioRecords.Matter;
import org.matterhub.simulators.clio.ClioRecords.User;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.matterhub.simulators.clio.ClioStore.fields;
import static org.matterhub.simulators.clio.ClioStore.render;

/**
 * The firm's conversations (Clio for Clients' secure messages) and their messages, beside the firm's other records
 * and under the same lock and clock. A conversation comes into being with its first message: Clio's OpenAPI document
 * has no {@code POST /conversations.json}, and {@code ConversationMessage#create} takes either a {@code conversation}
 * or a {@code matter} (docs/vendors/clio.md, "Conversations"). Posting a message bumps its conversation's
 * {@code updated_at} and {@code etag}. Nothing here fires webhooks: Clio's webhook models have no conversation.
 *
 * <p>The public methods act as firm staff in Clio's UI would (tests seed and count with them); the package ones serve
 * the API.
 */
public final class ClioConversationData {

    private static final Set<String> CREATE_KEYS = Set.of("attachment", "body", "conversation", "matter", "receivers",
            "subject");

    private final ClioSimulatorData data;
    private final TreeMap<Long, Conversation> conversations = new TreeMap<>();
    private final TreeMap<Long, Message> messages = new TreeMap<>();
    private long nextConversationId = 600_001;
    private long nextMessageId = 700_001;

    ClioConversationData(ClioSimulatorData data) {
        this.data = data;
    }

    // ------------------------------------------------------------------ firm staff (tests, control API)

    /**
     * A member of the firm's staff starts a conversation on a matter with the matter's client, as in Clio's UI.
     *
     * @return the new conversation's id (its first message is {@link #messages}{@code (id).get(0)})
     */
    public long startConversation(long matterId, String staffName, String subject, String body) {
        ClioStore.requireText(subject, "subject");
        ClioStore.requireText(body, "body");
        synchronized (data.lock) {
            Matter matter = data.requireMatter(matterId);
            Contact client = data.require(data.contacts, matter.clientId);
            Conversation c = newConversation(matterId, subject);
            add(c, staff(staffName), List.of(contact(client)), body);
            return c.id;
        }
    }

    /**
     * A member of the firm's staff writes into a conversation (to its other members), as in Clio's UI.
     *
     * @return the new message's id
     */
    public long postMessage(long conversationId, String staffName, String body) {
        ClioStore.requireText(body, "body");
        synchronized (data.lock) {
            Conversation c = data.require(conversations, conversationId);
            Participant sender = staff(staffName);
            List<Participant> to = c.members.stream().filter(p -> !p.equals(sender)).toList();
            return add(c, sender, to, body).id;
        }
    }

    /** Full JSON map of a conversation; {@link IllegalArgumentException} if absent. */
    public Map<String, Object> conversation(long id) {
        synchronized (data.lock) {
            return renderConversation(data.require(conversations, id));
        }
    }

    /** Ids of a matter's conversations, ascending. */
    public List<Long> conversationIds(long matterId) {
        synchronized (data.lock) {
            return conversations.values().stream().filter(c -> c.matterId != null && c.matterId == matterId)
                    .map(c -> c.id).toList();
        }
    }

    /** Full JSON maps of a conversation's messages, oldest first; {@link IllegalArgumentException} if absent. */
    public List<Map<String, Object>> messages(long conversationId) {
        synchronized (data.lock) {
            return data.require(conversations, conversationId).messageIds.stream()
                    .map(id -> renderMessage(messages.get(id))).toList();
        }
    }

    /** Number of messages in a conversation; {@link IllegalArgumentException} if absent. */
    public int messageCount(long conversationId) {
        synchronized (data.lock) {
            return data.require(conversations, conversationId).messageIds.size();
        }
    }

    /** Full JSON maps of the messages (any conversation) whose body contains {@code text}, ascending id. */
    public List<Map<String, Object>> messagesContaining(String text) {
        ClioStore.requireText(text, "text");
        synchronized (data.lock) {
            return messages.values().stream().filter(m -> m.body.contains(text)).map(this::renderMessage).toList();
        }
    }

    // ------------------------------------------------------------------ API (package)

    /** Conversation#index: the conversations passing {@code filter} (on the record) and {@code view} (on its map). */
    List<Map<String, Object>> findConversations(Predicate<Conversation> filter, Predicate<Map<String, Object>> view) {
        synchronized (data.lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Conversation c : conversations.values()) {
                if (filter.test(c)) {
                    Map<String, Object> map = renderConversation(c);
                    if (view.test(map)) {
                        out.add(map);
                    }
                }
            }
            return out;
        }
    }

    Map<String, Object> findConversation(long id) {
        return data.findOne(conversations, id, this::renderConversation);
    }

    /** ConversationMessage#index: a conversation's messages whose map passes {@code view}; empty for no conversation. */
    List<Map<String, Object>> findMessages(long conversationId, Predicate<Map<String, Object>> view) {
        synchronized (data.lock) {
            Conversation c = conversations.get(conversationId);
            if (c == null) {
                return List.of();
            }
            return c.messageIds.stream().map(id -> renderMessage(messages.get(id))).filter(view).toList();
        }
    }

    Map<String, Object> findMessage(long id) {
        return data.findOne(messages, id, this::renderMessage);
    }

    /**
     * ConversationMessage#create from a request's {@code data}: {@code body}, {@code subject} and {@code receivers}
     * required; into {@code conversation} when given (404 when it does not exist), else a new conversation on
     * {@code matter} (or on none) with that subject. Attachments are not simulated (422).
     */
    Map<String, Object> create(Map<String, Object> in, Participant sender) {
        for (String k : in.keySet()) {
            if (!CREATE_KEYS.contains(k)) {
                throw ClioApiException.unprocessable("Unknown attribute " + k + " for ConversationMessage");
            }
        }
        String body = text(in, "body");
        String subject = text(in, "subject");
        if (in.get("attachment") != null) {
            throw ClioApiException.unprocessable("attachment: documents are not simulated");
        }
        Long conversationId = ClioNotesAndActivities.refId(in.get("conversation"), "conversation");
        Long matterId = ClioNotesAndActivities.refId(in.get("matter"), "matter");
        synchronized (data.lock) {
            List<Participant> receivers = receivers(in.get("receivers"), sender);
            Conversation c;
            if (conversationId != null) {
                c = conversations.get(conversationId);
                if (c == null) {
                    throw ClioApiException.notFound("Conversation " + conversationId);
                }
                if (matterId != null && !matterId.equals(c.matterId)) {
                    throw ClioApiException.unprocessable("matter is not the conversation's matter");
                }
            } else {
                if (matterId != null && !data.matters.containsKey(matterId)) {
                    throw ClioApiException.unprocessable("Matter " + matterId + " does not exist");
                }
                c = newConversation(matterId, subject);
            }
            return renderMessage(add(c, sender, receivers, body));
        }
    }

    // ------------------------------------------------------------------ internals (caller holds the data lock)

    private Conversation newConversation(Long matterId, String subject) {
        Conversation c = new Conversation(nextConversationId++, matterId, subject);
        data.insert(conversations, c, this::renderConversation);
        return c;
    }

    private Message add(Conversation c, Participant sender, List<Participant> receivers, String body) {
        Message m = new Message(nextMessageId++, c.id, sender, receivers, body);
        c.messageIds.add(m.id);
        c.members.add(sender);
        c.members.addAll(receivers);
        data.insert(messages, m, this::renderMessage);
        // the conversation's last message changed: a later updated_at than the message's, and a new etag
        data.touch(c);
        return m;
    }

    private Participant staff(String name) {
        ClioStore.requireText(name, "staffName");
        User u = data.users.computeIfAbsent(name, k -> new User(data.nextUserId++, name,
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".") + "@harbourlaw.example"));
        return new Participant(u.id(), "User", u.name());
    }

    private static Participant contact(Contact c) {
        return new Participant(c.id, c.type, c.displayName());
    }

    private List<Participant> receivers(Object v, Participant sender) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw ClioApiException.unprocessable("receivers can't be blank");
        }
        List<Participant> out = new ArrayList<>();
        for (Object r : list) {
            if (!(r instanceof Map<?, ?> ref) || !(ref.get("id") instanceof Number n)
                    || !("Contact".equals(ref.get("type")) || "User".equals(ref.get("type")))) {
                throw ClioApiException.unprocessable("each receiver must have a numeric id and type Contact or User");
            }
            long id = n.longValue();
            Participant p;
            if ("Contact".equals(ref.get("type"))) {
                Contact c = data.contacts.get(id);
                if (c == null) {
                    throw ClioApiException.unprocessable("Contact " + id + " does not exist");
                }
                p = contact(c);
            } else {
                p = id == sender.id() && sender.isUser() ? sender : data.users.values().stream()
                        .filter(u -> u.id() == id).findFirst().map(u -> new Participant(u.id(), "User", u.name()))
                        .orElseThrow(() -> ClioApiException.unprocessable("User " + id + " does not exist"));
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String text(Map<String, Object> in, String name) {
        if (!(in.get(name) instanceof String s) || s.isBlank()) {
            throw ClioApiException.unprocessable(name + " can't be blank");
        }
        return s;
    }

    // ------------------------------------------------------------------ rendering

    Map<String, Object> renderConversation(Conversation c) {
        Map<String, Object> out = conversationBase(c);
        List<Message> all = c.messageIds.stream().map(messages::get).toList();
        out.put("last_message", all.isEmpty() ? null : messageBase(all.get(all.size() - 1)));
        out.put("first_message", all.isEmpty() ? null : messageBase(all.get(0)));
        Matter m = c.matterId == null ? null : data.matters.get(c.matterId);
        out.put("matter", m == null ? null : fields("id", m.id, "etag", m.etag, "display_number", data.displayNumber(m),
                "description", m.description, "status", m.status));
        out.put("messages", all.stream().map(ClioConversationData::messageBase).toList());
        return out;
    }

    private static Map<String, Object> conversationBase(Conversation c) {
        return render(c, "archived", c.archived, "read_only", false, "current_user_is_member", true,
                "subject", c.subject, "message_count", c.messageIds.size(), "time_entries_count", 0, "read", false);
    }

    Map<String, Object> renderMessage(Message m) {
        Map<String, Object> out = messageBase(m);
        out.put("sender", participant(m.sender));
        out.put("document", null);
        out.put("conversation", conversationBase(conversations.get(m.conversationId)));
        out.put("receivers", m.receivers.stream().map(ClioConversationData::participant).toList());
        return out;
    }

    private static Map<String, Object> messageBase(Message m) {
        return render(m, "date", m.createdAt == null ? null : m.createdAt.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                "body", m.body);
    }

    /** As Clio's {@code Participant_base}: id, type (User, Person or Company), name. */
    private static Map<String, Object> participant(Participant p) {
        return fields("id", p.id(), "type", p.type(), "name", p.name());
    }
}
