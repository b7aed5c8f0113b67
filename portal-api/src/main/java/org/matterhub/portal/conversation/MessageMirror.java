package org.matterhub.portal.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.ConversationRepository.Message;
import org.matterhub.store.sync.OutboxRepository;
import org.springframework.stereotype.Component;

/**
 * Queues a message written in the portal or by e-mail for the matter's practice-management system (outbox kind
 * {@value #KIND}), in the transaction that posts it. A matter that came from no such system queues nothing.
 */
@Component
public class MessageMirror {

    public static final String KIND = "message.mirror";

    private final ConversationRepository conversation;
    private final OutboxRepository outbox;
    private final ObjectMapper json;

    public MessageMirror(ConversationRepository conversation, OutboxRepository outbox, ObjectMapper json) {
        this.conversation = conversation;
        this.outbox = outbox;
        this.json = json;
    }

    public void queue(Message m) {
        conversation.practiceConnection(m.matterId()).ifPresent(connection -> {
            try {
                outbox.enqueue(connection, KIND, "message", m.id(), json.writeValueAsString(Map.of(
                        "messageId", m.id().toString(), "threadId", m.threadId().toString(),
                        "matterId", m.matterId().toString())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
