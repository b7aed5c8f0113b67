package org.matterhub.routes.notify;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.matterhub.connectors.mail.MailTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.NotificationDigestRepository.Item;
import org.matterhub.store.model.NotificationDigestRepository.Prepared;

/**
 * The text of a digest e-mail: one line per notification, oldest first, each saying what happened, when (in the
 * person's time zone) and linking to it. Thread subjects, document names, authors and message text are privileged and
 * appear only when the firm allows it ({@code emailPrivilegedContent}). Every value goes through {@link MailTemplate}
 * (escaped in HTML, no line breaks in the subject).
 */
final class DigestMail {

    static final MailTemplate HEAD = new MailTemplate(
            "Your {{period}} summary: {{count}}",
            "Your {{period}} summary from the client portal ({{key}}): {{count}}.\n\n",
            "<p>Your {{period}} summary from the client portal ({{key}}): {{count}}.</p>");
    static final MailTemplate LINE_PLAIN = new MailTemplate("",
            "- {{when}}: {{what}}\n  {{link}}\n",
            "<li>{{when}}: <a href=\"{{link}}\">{{what}}</a></li>");
    static final MailTemplate LINE_PRIVILEGED = new MailTemplate("",
            "- {{when}}: {{title}}{{matter}}\n{{excerpt}}  {{link}}\n",
            "<li>{{when}}: <a href=\"{{link}}\">{{title}}</a>{{matter}}<br>{{excerpt}}</li>");
    static final MailTemplate FOOT = new MailTemplate("",
            "\nChoose how often you hear from us: {{preferences}}\n",
            "<p><a href=\"{{preferences}}\">Choose how often you hear from us</a></p>");

    static final Map<String, String> WHAT = Map.ofEntries(
            Map.entry("message.posted", "A new message"),
            Map.entry("document.published", "A document was published"),
            Map.entry("document.approval_requested", "A document awaits your approval"),
            Map.entry("document.version_replaced", "A document has a new version"),
            Map.entry("invoice.issued", "An invoice was issued"),
            Map.entry("invoice.due", "An invoice is due"),
            Map.entry("invoice.overdue", "An invoice is overdue"),
            Map.entry("matter.status_changed", "A matter changed status"),
            Map.entry("matter.deadline", "A deadline approaches"),
            Map.entry("appointment.reminder", "An appointment is coming up"),
            Map.entry("signature.requested", "Your signature is requested"),
            Map.entry("client.activity", "A client was active on a matter"));
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private DigestMail() {
    }

    static OutgoingMail compose(Prepared digest, List<Item> items, SenderIdentity sender, boolean privileged,
                                PublicAddress address) {
        ZoneId zone = DigestSchedule.zone(digest.timeZone());
        String preferences = address.url("/portal/preferences");
        String key = "weekly".equals(digest.period()) ? "week of " + KEY.format(digest.periodKey()) : KEY.format(digest.periodKey());
        MailTemplate.Rendered head = HEAD.render(Map.of("period", digest.period(), "key", key,
                "count", items.size() == 1 ? "1 update" : items.size() + " updates"));
        StringBuilder text = new StringBuilder(head.text());
        StringBuilder html = new StringBuilder(head.html()).append("<ul>");
        for (Item item : items) {
            MailTemplate.Rendered line = line(item, zone, privileged, address);
            text.append(line.text());
            html.append(line.html());
        }
        MailTemplate.Rendered foot = FOOT.render(Map.of("preferences", preferences));
        text.append(foot.text());
        html.append("</ul>").append(foot.html());
        return new OutgoingMail(sender, digest.email(), digest.displayName(),
                new MailTemplate.Rendered(head.subject(), text.toString(), html.toString()), "d." + digest.id(), null,
                null, URI.create(preferences), digest.createdAt());
    }

    private static MailTemplate.Rendered line(Item item, ZoneId zone, boolean privileged, PublicAddress address) {
        String link = address.url(item.threadId() != null ? "/portal/threads/" + item.threadId()
                : item.matterId() != null ? "/portal/matters/" + item.matterId() : "/portal");
        String when = WHEN.format(item.createdAt().atZone(zone));
        String what = WHAT.getOrDefault(item.kind(), "Something new on one of your matters");
        if (!privileged) {
            return LINE_PLAIN.render(Map.of("when", when, "what", what, "link", link));
        }
        String excerpt = item.messageBody() == null ? ""
                : "  " + (item.authorName() == null ? "Someone" : item.authorName()) + ": " + excerpt(item.messageBody()) + "\n";
        return LINE_PRIVILEGED.render(Map.of("when", when, "title", item.title() == null ? what : item.title(),
                "matter", item.matterNumber() == null ? "" : " (" + item.matterNumber() + ")", "excerpt", excerpt,
                "link", link));
    }

    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 280 ? flat : flat.substring(0, 279) + "…";
    }
}
