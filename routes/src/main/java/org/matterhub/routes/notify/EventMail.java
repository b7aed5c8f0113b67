package org.matterhub.routes.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.mail.MailTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.NotificationEventRepository;
import org.matterhub.store.model.NotificationEventRepository.EventText;
import org.matterhub.store.model.NotificationMailRepository.Pending;
import org.springframework.stereotype.Component;

/**
 * The immediate e-mail of an event's notification (documents, invoices, status changes, client activity, and the
 * hooks' appointment reminders and signature requests): what happened and a link to it. Without the firm's
 * {@code emailPrivilegedContent} it says only what kind of thing happened; with it, the event's title (document names,
 * invoice numbers, the new status) and the matter's number. A notification of a message is not an event's: the
 * mailer composes those itself.
 */
@Component
class EventMail {

    static final MailTemplate PLAIN = new MailTemplate(
            "{{what}}",
            "{{what}} in the client portal.\n\nSee it there: {{link}}\n",
            "<p>{{what}} in the client portal.</p><p><a href=\"{{link}}\">See it there</a></p>");
    static final MailTemplate PRIVILEGED = new MailTemplate(
            "{{title}}{{matter}}",
            "{{title}}{{matter}}.\n\nSee it in the portal: {{link}}\n",
            "<p>{{title}}{{matter}}.</p><p><a href=\"{{link}}\">See it in the portal</a></p>");

    private final NotificationEventRepository events;
    private final PublicAddress address;

    EventMail(NotificationEventRepository events, PublicAddress address) {
        this.events = events;
        this.address = address;
    }

    /** The mail of a notification that tells of an event, in the caller's transaction; empty for any other. */
    Optional<OutgoingMail> compose(Pending n, SenderIdentity sender, boolean privileged) {
        return events.forNotification(n.id()).map(e -> compose(n, e, sender, privileged));
    }

    OutgoingMail compose(Pending n, EventText e, SenderIdentity sender, boolean privileged) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("link", address.url(path(e)));
        MailTemplate template = PLAIN;
        values.put("what", DigestMail.WHAT.getOrDefault(e.kind(), "Something new on one of your matters"));
        if (privileged) {
            template = PRIVILEGED;
            values.put("title", e.title());
            values.put("matter", n.matterNumber() == null ? "" : " (matter " + n.matterNumber() + ")");
        }
        return new OutgoingMail(sender, n.email(), n.displayName(), template.render(values), n.id().toString(), null, null,
                URI.create(address.url("/portal/preferences")), n.createdAt());
    }

    /** Where the portal shows an event's subject. */
    static String path(EventText e) {
        UUID matter = e.matterId();
        return switch (e.subjectType()) {
            case "document" -> "/portal/documents/" + e.subjectId();
            case "invoice" -> "/portal/invoices/" + e.subjectId();
            case "matter" -> "/portal/matters/" + e.subjectId();
            default -> matter == null ? "/portal" : "/portal/matters/" + matter;
        };
    }
}
