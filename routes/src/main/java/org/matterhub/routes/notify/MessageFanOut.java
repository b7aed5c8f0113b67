package org.matterhub.routes.notify;

import java.util.List;
import java.util.UUID;
import org.matterhub.portal.notify.NotificationCategories;
import org.matterhub.portal.notify.NotificationCategories.Kind;
import org.matterhub.routes.notify.FanOutDecisions.Notice;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.model.NotificationRepository.Candidate;
import org.matterhub.store.model.NotificationRepository.NewNotification;
import org.matterhub.store.model.NotificationRepository.PendingMessage;
import org.matterhub.store.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fans each new message out into notifications: for every person who may hear of it, row-level security in that
 * person's own scope decides whether they see the thread at all, and their choice for the category how it reaches
 * them (immediate, a digest, or not). The notifications and the event's marker commit together, so a message is
 * fanned out once, across nodes and crashes ({@link FanOutDecisions}).
 */
@Service
public class MessageFanOut {

    private static final Logger log = LoggerFactory.getLogger(MessageFanOut.class);
    private static final Kind POSTED = NotificationCategories.kind("message.posted");

    private final NotificationRepository notifications;
    private final ConversationRepository conversation;
    private final FanOutDecisions decisions;
    private final int batch;

    public MessageFanOut(NotificationRepository notifications, ConversationRepository conversation,
                         FanOutDecisions decisions, NotifyProperties properties) {
        this.notifications = notifications;
        this.conversation = conversation;
        this.decisions = decisions;
        this.batch = properties.batch();
    }

    /** One run over every firm; answers how many messages were fanned out. */
    public int runAll() {
        return decisions.eachFirm(this::run);
    }

    int run(UUID firm) {
        List<PendingMessage> pending = decisions.read(firm, () -> notifications.pendingMessages(batch));
        int done = 0;
        for (PendingMessage m : pending) {
            List<Candidate> candidates = decisions.read(firm, () -> notifications.candidates(m.matterId(), m.threadId(),
                    m.authorId()));
            // A reader's own scope answers whether they see the thread; their id is in the scope the query runs in.
            List<NewNotification> rows = decisions.decide(firm, POSTED, candidates,
                    () -> conversation.thread(m.threadId(), TenantContext.current().orElseThrow().userId()).isPresent(),
                    new Notice(m.matterId(), "message", m.id(), "New message in “" + m.subject() + "”", m.authorId()));
            if (decisions.store(firm, "message", m.id(), rows)) {
                done++;
                log.debug("Message {} fanned out to {} people", m.id(), rows.size());
            }
        }
        if (done > 0) {
            log.info("Fanned out {} messages of firm {} into notifications", done, firm);
        }
        return done;
    }
}
