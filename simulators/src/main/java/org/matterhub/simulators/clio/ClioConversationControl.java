package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.ControlApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.optStr;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * Conversation routes of the {@code /_control} API: firm staff writing in Clio, and counts that let a test prove a
 * message arrived exactly once. Not part of Clio.
 *
 * <ul>
 *   <li>{@code POST /conversations {"matterId":N,"subject":…,"body":…,"staffName":…}} → 201
 *       {@code {"conversationId","messageId","data":conversation}} (staffName defaults to the matter's attorney);</li>
 *   <li>{@code POST /conversations/{id}/messages {"body":…,"staffName":…}} → 201 {@code {"messageId","data":message}};</li>
 *   <li>{@code GET /conversations/{id}/messages} → {@code {"count":n,"data":[messages, oldest first]}};</li>
 *   <li>{@code GET /conversations?matterId=N} → {@code {"data":[conversations]}};</li>
 *   <li>{@code GET /conversation-messages?contains=text} → {@code {"count":n,"data":[messages]}}, every conversation.</li>
 * </ul>
 */
final class ClioConversationControl {

    /** Who writes when the control call names no one and the matter has no responsible attorney. */
    static final String DEFAULT_STAFF = "Sarah Chen";

    private ClioConversationControl() {
    }

    static void register(ControlApi c, ClioSimulator sim) {
        ClioConversationData conversations = sim.conversations();
        c.on("POST", "/conversations", (ex, s) -> {
            Map<String, Object> b = body(ex);
            if (!(b.get("matterId") instanceof Number matter)) {
                throw new IllegalArgumentException("matterId must be a number");
            }
            String staff = staff(b, sim.data().matter(matter.longValue()));
            long id = conversations.startConversation(matter.longValue(), staff, str(b, "subject"), str(b, "body"));
            List<Map<String, Object>> messages = conversations.messages(id);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("conversationId", id);
            out.put("messageId", messages.get(0).get("id"));
            out.put("data", conversations.conversation(id));
            ex.sendJson(201, out);
        });
        c.on("POST", "/conversations/*/messages", (ex, s) -> {
            long conversation = id(s[1]);
            Map<String, Object> b = body(ex);
            Object matter = conversations.conversation(conversation).get("matter");
            String staff = staff(b, matter == null ? null
                    : sim.data().matter(((Number) ((Map<?, ?>) matter).get("id")).longValue()));
            long id = conversations.postMessage(conversation, staff, str(b, "body"));
            List<Map<String, Object>> messages = conversations.messages(conversation);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messageId", id);
            out.put("data", messages.get(messages.size() - 1));
            ex.sendJson(201, out);
        });
        c.on("GET", "/conversations/*/messages", (ex, s) -> ex.sendJson(200,
                counted(conversations.messages(id(s[1])))));
        c.on("GET", "/conversations", (ex, s) -> {
            String matter = ex.param("matterId");
            if (matter == null) {
                throw new IllegalArgumentException("matterId is required");
            }
            List<Map<String, Object>> out = conversations.conversationIds(id(matter)).stream()
                    .map(conversations::conversation).toList();
            ex.sendJson(200, Map.of("data", out));
        });
        c.on("GET", "/conversation-messages", (ex, s) -> {
            String contains = ex.param("contains");
            if (contains == null || contains.isEmpty()) {
                throw new IllegalArgumentException("contains is required");
            }
            ex.sendJson(200, counted(conversations.messagesContaining(contains)));
        });
    }

    private static String staff(Map<String, Object> b, Map<String, Object> matter) {
        String named = optStr(b, "staffName");
        if (named != null) {
            return named;
        }
        Object attorney = matter == null ? null : matter.get("responsible_attorney");
        return attorney instanceof Map<?, ?> a && a.get("name") instanceof String n ? n : DEFAULT_STAFF;
    }

    private static Map<String, Object> counted(List<Map<String, Object>> messages) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", messages.size());
        out.put("data", messages);
        return out;
    }

    private static long id(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an id: " + v, e);
        }
    }
}
