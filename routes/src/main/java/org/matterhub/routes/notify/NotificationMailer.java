package org.matterhub.routes.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.mail.MailTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.ReplyToken;
import org.matterhub.connectors.mail.ReplyTokens;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.store.model.NotificationMailRepository;
import org.matterhub.store.model.NotificationMailRepository.Pending;
import org.matterhub.store.model.NotificationPreferenceRepository;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.model.ReplyMailRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * E-mails an immediate notification through camel-mail: the worker of its {@code notification.mail} outbox row, which
 * the fan-out queued with the notification when mail is on ({@link NotificationRepository#MAIL}). The outbox gives the
 * rest: one node sends it, a failure of the mail server is retried with backoff, a refused address or a mail server
 * failing past the retry budget parks the row as a dead letter that ops see and replay ({@code /ops/v1/dead-letters}),
 * and one failing mail never holds up the others. The notification is marked e-mailed in the row's transaction; a
 * crash between the mail server's acceptance and that commit sends the mail again with the same {@code Message-ID},
 * which mail programs show once. Nothing is sent to a person revoked since, nor twice for one notification.
 *
 * <p>What a mail says: the kind of event and a link to it. Message text, thread subjects and matter numbers are
 * privileged and appear only when the firm allows it ({@code emailPrivilegedContent}). Headers: {@code Message-ID}
 * per notification, {@code In-Reply-To}/{@code References} per thread, {@code List-Unsubscribe} to the preferences
 * page, {@code Auto-Submitted: auto-generated} ({@link OutgoingMail}), and, when replies are taken, a {@code Reply-To}
 * with a signed token for the recipient and the thread ({@link ReplyReceiver}).
 */
@Component
public class NotificationMailer extends QueueHandler<OutboxEntry> implements QueueDrainer.OutboxHandler {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final MailTemplate MESSAGE_PRIVILEGED = new MailTemplate(
            "{{author}} wrote in “{{thread}}” ({{matter}})",
            "{{author}} wrote in “{{thread}}” on matter {{matter}}:\n\n{{body}}\n\nRead and answer it in the portal: {{link}}\n",
            "<p>{{author}} wrote in “{{thread}}” on matter {{matter}}:</p><blockquote>{{body}}</blockquote>"
                    + "<p><a href=\"{{link}}\">Read and answer it in the portal</a></p>");
    static final MailTemplate MESSAGE_PLAIN = new MailTemplate(
            "New message on one of your matters",
            "There is a new message for you in the client portal.\n\nRead it there: {{link}}\n",
            "<p>There is a new message for you in the client portal.</p><p><a href=\"{{link}}\">Read it there</a></p>");

    private final NotificationMailRepository pending;
    private final NotificationPreferenceRepository settings;
    private final MailOutlet outlet;
    private final ReplyTokens tokens;
    private final ReplyMailRepository replies;
    private final EventMail events;
    private final Clock clock = Clock.systemUTC();

    public NotificationMailer(NotificationMailRepository pending, NotificationPreferenceRepository settings,
                              MailOutlet outlet, ReplyTokens tokens, ReplyMailRepository replies, EventMail events) {
        super(NotificationRepository.MAIL, new MailErrors());
        this.pending = pending;
        this.settings = settings;
        this.outlet = outlet;
        this.tokens = tokens;
        this.replies = replies;
        this.events = events;
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        UUID id = UUID.fromString(JSON.readTree(entry.payload()).path("notificationId").asText());
        Optional<Pending> locked = pending.lockForMail(id);
        if (locked.isEmpty()) {
            log.info("Notification mail {} not sent: e-mailed already or its recipient is revoked", entry.id());
            return;
        }
        if (!outlet.enabled()) {
            log.info("Notification mail {} not sent: mail is disabled (matterhub.mail.enabled)", entry.id());
            return;
        }
        Pending n = locked.get();
        ReplyToken token = null;
        MailProperties.Reply reply = outlet.properties().reply();
        if (reply.enabled() && n.threadId() != null) {
            token = tokens.issue(n.recipientId(), n.threadId(), reply.tokenTtl());
            replies.issued(token.tokenId(), n.recipientId(), n.threadId(), token.expiresAt());
        }
        SenderIdentity sender = outlet.sender(pending.firmName(entry.firmId()));
        boolean privileged = settings.firmEmailsPrivilegedContent();
        ReplyToken replyToken = token;
        outlet.send(events.compose(n, sender, privileged).orElseGet(() -> compose(n, sender, privileged, replyToken)));
        pending.markEmailed(n.id(), clock.instant());
    }

    OutgoingMail compose(Pending n, SenderIdentity sender, boolean privileged, ReplyToken token) {
        String link = outlet.link(n.threadId() == null ? "/portal/matters/" + n.matterId() : "/portal/threads/" + n.threadId());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("link", link);
        MailTemplate template = MESSAGE_PLAIN;
        if (privileged && n.messageBody() != null) {
            template = MESSAGE_PRIVILEGED;
            values.put("author", n.authorName() == null ? "Someone" : n.authorName());
            values.put("thread", n.threadTitle());
            values.put("matter", n.matterNumber() == null ? "" : n.matterNumber());
            values.put("body", n.messageBody());
        }
        return new OutgoingMail(sender, n.email(), n.displayName(), template.render(values), n.id().toString(),
                n.threadId() == null ? null : n.threadId().toString(), token,
                URI.create(outlet.link("/portal/preferences")), n.createdAt());
    }
}
