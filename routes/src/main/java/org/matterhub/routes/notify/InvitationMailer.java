package org.matterhub.routes.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.mail.MailTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.portal.api.StaffController;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.store.model.NotificationMailRepository;
import org.matterhub.store.model.PortalUserRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends invitation e-mails ({@code invitation.mail} outbox rows: firm staff or an org admin invited a person into a
 * client org) through camel-mail. The outbox gives the rest: the row is queued in the invitation's transaction, sent
 * by one node, retried with backoff when the mail server fails, and parked as a dead letter that ops see and replay
 * when it keeps failing or the address is refused. A crash between the mail server's acceptance and the row's commit
 * sends the mail again with the same {@code Message-ID}, which mail programs show once.
 *
 * <p>The mail says only that the firm invited the person to its client portal, and links to sign in: no organisation,
 * matter or document. Nothing is sent to a person who was removed or revoked before the row was worked, nor while
 * {@code matterhub.mail.enabled} is false (the row is closed unsent, and logged).
 */
@Component
public class InvitationMailer extends QueueHandler<OutboxEntry> implements QueueDrainer.OutboxHandler {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final MailTemplate INVITATION = new MailTemplate(
            "You are invited to the {{firm}} client portal",
            "Hello {{name}},\n\n{{firm}} has invited you to its client portal.\n\nSign in here: {{link}}\n\n"
                    + "Sign in with this e-mail address ({{email}}). If you did not expect this invitation, ignore it.\n",
            "<p>Hello {{name}},</p><p>{{firm}} has invited you to its client portal.</p>"
                    + "<p><a href=\"{{link}}\">Sign in</a> with this e-mail address ({{email}}).</p>"
                    + "<p>If you did not expect this invitation, ignore it.</p>");

    private final PortalUserRepository users;
    private final NotificationMailRepository firms;
    private final MailOutlet outlet;

    public InvitationMailer(PortalUserRepository users, NotificationMailRepository firms, MailOutlet outlet) {
        super(StaffController.INVITATION_MAIL, new MailErrors());
        this.users = users;
        this.firms = firms;
        this.outlet = outlet;
    }

    /** An {@code invitation.mail} row's payload. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Invitation(UUID userId, UUID clientOrgId) {
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        Invitation invitation = JSON.readValue(entry.payload(), Invitation.class);
        var user = users.find(invitation.userId())
                .orElseThrow(() -> new IllegalStateException("Invited user " + invitation.userId() + " is gone"));
        boolean stillInvited = !user.revoked() && users.memberships(user.id()).stream()
                .anyMatch(m -> !m.revoked() && m.clientOrgId().equals(invitation.clientOrgId()));
        if (!stillInvited || !outlet.enabled()) {
            log.info("Invitation mail {} not sent: {}", entry.id(), stillInvited ? "mail is disabled" : "no longer invited");
            return;
        }
        outlet.send(compose(entry, user, firms.firmName(entry.firmId())));
    }

    OutgoingMail compose(OutboxEntry entry, PortalUserRepository.PortalUser user, String firmName) {
        var content = INVITATION.render(Map.of("firm", firmName, "name", user.displayName(), "link",
                signInLink(user.email()), "email", user.email()));
        return new OutgoingMail(outlet.sender(firmName), user.email(), user.displayName(), content,
                "invitation-" + entry.id(), null, null, null, Instant.now());
    }

    /** The portal's sign-in page, naming the address to the identity provider ({@code login_hint}, OpenID Connect). */
    String signInLink(String email) {
        return outlet.link("/portal/sign-in?login_hint=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }
}
