package org.matterhub.routes.notify;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.matterhub.connectors.mail.MailTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.ReplyToken;
import org.matterhub.connectors.mail.ReplyTokens;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.NotificationMailRepository;
import org.matterhub.store.model.NotificationMailRepository.Pending;
import org.matterhub.store.model.NotificationPreferenceRepository;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.model.ReplyMailRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * E-mails immediate notifications through camel-mail. Each mail is its own transaction: the oldest unsent immediate
 * notification of a firm is locked (other nodes skip it), sent and marked sent. A crash between a send and the commit
 * sends that one mail again on the next run with the same {@code Message-ID}, which mail programs show once; nothing
 * is lost.
 *
 * <p>What a mail says: the kind of event and a link to it. Message text, thread subjects and matter numbers are
 * privileged and appear only when the firm allows it ({@code emailPrivilegedContent}). Headers: {@code Message-ID}
 * per notification, {@code In-Reply-To}/{@code References} per thread, {@code List-Unsubscribe} to the preferences
 * page, {@code Auto-Submitted: auto-generated} ({@link OutgoingMail}), and, when replies are taken, a {@code Reply-To}
 * with a signed token for the recipient and the thread ({@link ReplyReceiver}).
 */
@Service
public class NotificationMailer {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);

    static final MailTemplate MESSAGE_PRIVILEGED = new MailTemplate(
            "{{author}} wrote in “{{thread}}” ({{matter}})",
            "{{author}} wrote in “{{thread}}” on matter {{matter}}:\n\n{{body}}\n\nRead and answer it in the portal: {{link}}\n",
            "<p>{{author}} wrote in “{{thread}}” on matter {{matter}}:</p><blockquote>{{body}}</blockquote>"
                    + "<p><a href=\"{{link}}\">Read and answer it in the portal</a></p>");
    static final MailTemplate MESSAGE_PLAIN = new MailTemplate(
            "New message on one of your matters",
            "There is a new message for you in the client portal.\n\nRead it there: {{link}}\n",
            "<p>There is a new message for you in the client portal.</p><p><a href=\"{{link}}\">Read it there</a></p>");

    private final Tenancy tenancy;
    private final NotificationRepository firms;
    private final NotificationMailRepository pending;
    private final NotificationPreferenceRepository settings;
    private final ProducerTemplate producer;
    private final MailProperties properties;
    private final PublicAddress address;
    private final Session session = Session.getInstance(new Properties());
    private final Clock clock;
    private final ReplyTokens tokens;
    private final ReplyMailRepository replies;

    public NotificationMailer(Tenancy tenancy, NotificationRepository firms, NotificationMailRepository pending,
                              NotificationPreferenceRepository settings, ProducerTemplate producer,
                              MailProperties properties, PublicAddress address, ReplyTokens tokens,
                              ReplyMailRepository replies) {
        this.tokens = tokens;
        this.replies = replies;
        this.tenancy = tenancy;
        this.firms = firms;
        this.pending = pending;
        this.settings = settings;
        this.producer = producer;
        this.properties = properties;
        this.address = address;
        this.clock = Clock.systemUTC();
    }

    /** One run over every firm; answers how many mails were sent. */
    public int runAll() {
        int sent = 0;
        for (UUID firm : firms.firms()) {
            int firmSent = 0;
            // One mail per transaction: a crash re-sends at most the mail in flight, not a batch.
            while (firmSent < properties.batch() && tenancy.write(TenantScope.system(firm), () -> sendOne(firm))) {
                firmSent++;
            }
            if (firmSent > 0) {
                log.info("E-mailed {} notifications of firm {}", firmSent, firm);
            }
            sent += firmSent;
        }
        return sent;
    }

    /** Locks the oldest unsent immediate notification of the bound firm, sends it and marks it; false when none. */
    private boolean sendOne(UUID firm) {
        List<Pending> next = pending.lockImmediate(1);
        if (next.isEmpty()) {
            return false;
        }
        Pending n = next.get(0);
        SenderIdentity sender = properties.sender(pending.firmName(firm));
        ReplyToken token = null;
        if (properties.reply().enabled() && n.threadId() != null) {
            token = tokens.issue(n.recipientId(), n.threadId(), properties.reply().tokenTtl());
            replies.issued(token.tokenId(), n.recipientId(), n.threadId(), token.expiresAt());
        }
        MimeMessage mail = compose(n, sender, settings.firmEmailsPrivilegedContent(), token).toMimeMessage(session);
        producer.sendBody(properties.smtpUri(), mail);
        pending.markEmailed(n.id(), clock.instant());
        return true;
    }

    OutgoingMail compose(Pending n, SenderIdentity sender, boolean privileged, ReplyToken token) {
        String link = address.url(n.threadId() == null ? "/portal/matters/" + n.matterId() : "/portal/threads/" + n.threadId());
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
                URI.create(address.url("/portal/preferences")), n.createdAt());
    }
}
