package org.matterhub.routes.practice.clio;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioConversationMessage;
import org.matterhub.connectors.clio.ClioConversations;
import org.matterhub.connectors.clio.ClioConversations.Receiver;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.portal.conversation.ConversationController;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.ConversationRepository.Message;
import org.matterhub.store.model.ConversationRepository.Thread;
import org.matterhub.store.sync.ExternalRef;
import org.matterhub.store.sync.ExternalRefRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.springframework.stereotype.Component;

/**
 * Mirrors a portal message into the matter's Clio conversation, exactly once. Clio takes no idempotency key, so the
 * message's text carries a marker with its portal id, and a retry (after a 5xx, a lost answer or a crash) first
 * looks for that marker in Clio: found, the delivery is recorded and nothing is sent again. A thread's first mirrored
 * message starts the Clio conversation on the matter; later ones post into it. The marker is also how the inbound
 * poll knows a Clio message for our own ({@link ClioConversationSync}): nothing echoes back into the portal.
 *
 * <p>Clio requires receivers; a message goes to the matter's responsible attorney (the firm's side of the
 * conversation). A matter without one is a permanent failure, shown to ops as a dead letter.
 */
@Component
public class ClioMessageMirrorHandler implements QueueDrainer.OutboxHandler {

    public static final String KIND = ConversationController.MESSAGE_MIRROR;
    static final String CONVERSATION = "conversation";
    static final String CONVERSATION_MESSAGE = "conversation_message";
    private static final String SYSTEM = SourceSystem.CLIO.id();

    private final ClioConnections clients;
    private final ExternalRefRepository refs;
    private final ConversationRepository conversation;
    private final ErrorClassifier classifier = new WaitingClassifier(new ClioErrorClassifier());

    public ClioMessageMirrorHandler(ClioConnections clients, ExternalRefRepository refs, ConversationRepository conversation) {
        this.clients = clients;
        this.refs = refs;
        this.conversation = conversation;
    }

    @Override
    public String key() {
        return KIND;
    }

    @Override
    public ErrorClassifier classifier() {
        return classifier;
    }

    /** The marker a mirrored message carries in Clio: the portal message's id. */
    public static String marker(UUID messageId) {
        return "[portal:" + messageId + "]";
    }

    private static final java.util.regex.Pattern MARKER =
            java.util.regex.Pattern.compile("\\[portal:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})]\\s*$");

    /** Whether a Clio message's text is one the hub wrote (a mirrored portal message). */
    static boolean mirrored(String body) {
        return portalId(body).isPresent();
    }

    /** The portal message a mirrored Clio message copies, from its marker. */
    static Optional<UUID> portalId(String body) {
        if (body == null) {
            return Optional.empty();
        }
        var m = MARKER.matcher(body);
        return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        UUID messageId = entry.aggregateId();
        if (refs.findByLocal(messageId, CONVERSATION_MESSAGE).isPresent()) {
            return;
        }
        Message m = conversation.message(messageId)
                .orElseThrow(() -> new IllegalArgumentException("Message " + messageId + " is gone"));
        conversation.lockThread(m.threadId());
        if (refs.findByLocal(messageId, CONVERSATION_MESSAGE).isPresent()) {
            return;
        }
        Thread t = conversation.thread(m.threadId(), null).orElseThrow();
        long matterId = Long.parseLong(refs.findByLocal(t.matterId(), ClioUpserter.MATTER)
                .orElseThrow(() -> new IllegalArgumentException("Matter " + t.matterId() + " has no Clio record"))
                .externalId());
        ClioClient client = clients.client(entry.firmId(), entry.connectionId());
        ClioConversations clio = new ClioConversations(client);
        String marker = marker(messageId);
        Optional<ExternalRef> thread = refs.findByLocal(t.id(), CONVERSATION);
        if (thread.isEmpty()) {
            // The thread's first message starts its Clio conversation; a later one waits for it, or two could each
            // start one (the first's answer lost, the second's search finding nothing).
            Optional<UUID> earlier = conversation.earlierUnlinked(m, CONVERSATION_MESSAGE);
            if (earlier.isPresent()) {
                throw new EarlierMessagePending(messageId, earlier.get());
            }
        }
        Optional<ClioConversationMessage> sent = thread.isPresent()
                ? clio.findMessageWithMarker(Long.parseLong(thread.get().externalId()), marker)
                : clio.findMessageOnMatter(matterId, marker);
        ClioConversationMessage delivered = sent.orElseGet(() -> {
            List<Receiver> to = receivers(client.getMatter(matterId));
            String body = text(m) + "\n\n" + marker;
            return thread.isPresent()
                    ? clio.postMessage(Long.parseLong(thread.get().externalId()), t.subject(), body, to)
                    : clio.startConversation(matterId, t.subject(), body, to);
        });
        if (thread.isEmpty()) {
            refs.upsert(new ExternalRef(entry.connectionId(), SYSTEM, CONVERSATION,
                    Long.toString(delivered.conversationId()), t.id(), null, null, delivered.updatedAt(), null));
        }
        refs.upsert(new ExternalRef(entry.connectionId(), SYSTEM, CONVERSATION_MESSAGE, Long.toString(delivered.id()),
                messageId, delivered.etag(), null, delivered.updatedAt(), null));
    }

    /** A later message of a thread whose conversation its first message has not started yet: retried. */
    static final class EarlierMessagePending extends RuntimeException {
        EarlierMessagePending(UUID message, UUID earlier) {
            super("Message " + message + " waits for message " + earlier + " to start the thread's Clio conversation");
        }
    }

    /** Clio's classification, and a pending earlier message as retriable. */
    private record WaitingClassifier(ErrorClassifier clio) implements ErrorClassifier {
        @Override
        public org.matterhub.connectors.kernel.ErrorClass classify(Throwable t) {
            for (Throwable e = t; e != null; e = e.getCause()) {
                if (e instanceof EarlierMessagePending) {
                    return org.matterhub.connectors.kernel.ErrorClass.RETRIABLE;
                }
            }
            return clio.classify(t);
        }

        @Override
        public java.util.Optional<java.time.Duration> retryAfter(Throwable t) {
            return clio.retryAfter(t);
        }
    }

    private static List<Receiver> receivers(ClioMatter matter) {
        if (matter.responsibleAttorney() == null || matter.responsibleAttorney().id() == null) {
            throw new IllegalArgumentException("Clio matter " + matter.id() + " has no responsible attorney to address "
                    + "the message to");
        }
        return List.of(Receiver.user(matter.responsibleAttorney().id()));
    }

    /** What Clio shows: who wrote it in the portal, then the text. */
    private static String text(Message m) {
        String who = m.authorName() == null ? "Portal" : m.authorName() + " (portal)";
        return who + ":\n" + m.body();
    }
}
