package org.matterhub.routes.practice.clio;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioConversationMessage;
import org.matterhub.connectors.clio.ClioConversations;
import org.matterhub.connectors.clio.ClioConversations.Changed;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.ConversationRepository.NewMessage;
import org.matterhub.store.model.ConversationRepository.Posted;
import org.matterhub.store.sync.ExternalRef;
import org.matterhub.store.sync.ExternalRefRepository;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.sync.SyncCursor.SyncMode;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Messages the firm (or a client through Clio) writes in Clio conversations, brought into the portal thread of the
 * conversation. Clio offers no conversation webhook (docs/vendors/clio.md, "Conversations"), so each poll asks for the
 * conversations updated since the last one (inclusive) and their messages. Each conversation's messages are applied
 * in one transaction; the cursor moves after. A message posts once: its Clio id is its origin id (a unique index), and
 * a message the hub mirrored from the portal (it carries its marker, or its id is already linked) is not brought back.
 * A conversation the portal has no thread for becomes a new thread of its matter.
 */
@Component
public class ClioConversationSync {

    static final String CURSOR = "conversation";
    static final String UPDATED_SINCE = "updated_since";
    private static final Logger log = LoggerFactory.getLogger(ClioConversationSync.class);
    private static final String SYSTEM = SourceSystem.CLIO.id();

    private final ClioConnections clients;
    private final ExternalRefRepository refs;
    private final SyncCursorRepository cursors;
    private final ConversationRepository conversation;
    private final Tenancy tenancy;

    public ClioConversationSync(ClioConnections clients, ExternalRefRepository refs, SyncCursorRepository cursors,
                                ConversationRepository conversation, Tenancy tenancy) {
        this.clients = clients;
        this.refs = refs;
        this.cursors = cursors;
        this.conversation = conversation;
        this.tenancy = tenancy;
    }

    /** One poll of a connection; answers how many messages it brought into the portal. */
    public int poll(UUID firmId, UUID connectionId) {
        TenantScope scope = TenantScope.system(firmId);
        SyncCursor cursor = tenancy.read(scope, () -> cursors.find(connectionId, CURSOR, "", SyncMode.INCREMENTAL)).orElse(null);
        Instant since = cursor == null || cursor.get(UPDATED_SINCE) == null ? null : Instant.parse(cursor.get(UPDATED_SINCE));
        List<Changed> changed = new ClioConversations(clients.client(firmId, connectionId)).messagesUpdatedSince(since);
        int posted = 0;
        Instant high = since;
        for (Changed c : changed) {
            posted += tenancy.write(scope, () -> apply(connectionId, c));
            if (c.conversation().updatedAt() != null && (high == null || c.conversation().updatedAt().isAfter(high))) {
                high = c.conversation().updatedAt();
            }
        }
        if (high != null && !high.equals(since)) {
            Instant next = high;
            int records = posted;
            tenancy.writeVoid(scope, () -> cursors.save(connectionId, CURSOR, "", SyncMode.INCREMENTAL,
                    Map.of(UPDATED_SINCE, next.toString()), records));
        }
        if (posted > 0) {
            log.info("Clio conversations of connection {}: {} new messages in the portal", connectionId, posted);
        }
        return posted;
    }

    private int apply(UUID connectionId, Changed c) {
        String conversationId = Long.toString(c.conversation().id());
        Optional<UUID> thread = refs.find(connectionId, ClioMessageMirrorHandler.CONVERSATION, conversationId)
                .map(ExternalRef::localId);
        if (thread.isEmpty()) {
            // A conversation the hub started from a portal thread, seen before the delivery committed its link.
            thread = c.messages().stream().map(m -> ClioMessageMirrorHandler.portalId(m.body())).flatMap(Optional::stream)
                    .map(conversation::message).flatMap(Optional::stream).map(ConversationRepository.Message::threadId)
                    .findFirst();
            thread.ifPresent(t -> refs.upsert(new ExternalRef(connectionId, SYSTEM, ClioMessageMirrorHandler.CONVERSATION,
                    conversationId, t, c.conversation().etag(), null, c.conversation().updatedAt(), null)));
        }
        if (thread.isEmpty()) {
            Long matterId = c.conversation().matterId();
            Optional<UUID> matter = matterId == null ? Optional.empty()
                    : refs.find(connectionId, ClioUpserter.MATTER, Long.toString(matterId)).map(ExternalRef::localId);
            if (matter.isEmpty()) {
                log.debug("Clio conversation {} is on no matter the portal holds; left in Clio", conversationId);
                return 0;
            }
            String subject = c.conversation().subject() == null || c.conversation().subject().isBlank()
                    ? "Conversation" : c.conversation().subject().strip();
            thread = Optional.of(conversation.startThread(matter.get(), null, subject.length() > 200
                    ? subject.substring(0, 200) : subject, null));
            refs.upsert(new ExternalRef(connectionId, SYSTEM, ClioMessageMirrorHandler.CONVERSATION, conversationId,
                    thread.get(), c.conversation().etag(), null, c.conversation().updatedAt(), null));
        }
        int posted = 0;
        for (ClioConversationMessage m : c.messages()) {
            String id = Long.toString(m.id());
            if (ClioMessageMirrorHandler.mirrored(m.body())
                    || refs.find(connectionId, ClioMessageMirrorHandler.CONVERSATION_MESSAGE, id).isPresent()
                    || m.body() == null || m.body().isBlank()) {
                continue;
            }
            boolean staff = m.sender() == null || m.sender().isUser();
            String name = m.sender() == null ? null : m.sender().name();
            Posted p = conversation.post(new NewMessage(thread.get(), null, staff ? "staff" : "client", name,
                    clip(m.body().strip()), "[]", "clio", id, m.createdAt()));
            if (p.stored()) {
                refs.upsert(new ExternalRef(connectionId, SYSTEM, ClioMessageMirrorHandler.CONVERSATION_MESSAGE, id,
                        p.message().id(), m.etag(), null, m.updatedAt(), null));
                posted++;
            }
        }
        return posted;
    }

    /** Portal messages hold at most 20,000 characters; a longer Clio message is cut with a note. */
    private static String clip(String body) {
        return body.length() <= 20_000 ? body : body.substring(0, 19_900) + "\n\n[cut: the whole message is in Clio]";
    }
}
