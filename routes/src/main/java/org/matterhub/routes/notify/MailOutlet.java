package org.matterhub.routes.notify;

import jakarta.mail.Session;
import java.util.Properties;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.matterhub.connectors.mail.OutgoingMail;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.PublicAddress;
import org.springframework.stereotype.Component;

/**
 * Where the hub's e-mail leaves: the firm's sending identity, the portal's links, and the camel-mail SMTP endpoint
 * ({@code matterhub.mail.*}).
 */
@Component
public record MailOutlet(ProducerTemplate producer, MailProperties properties, PublicAddress address) {

    private static final Session SESSION = Session.getInstance(new Properties());

    /** Whether e-mail is sent at all ({@code matterhub.mail.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /** The firm's sending identity: its name over the configured address and domain. */
    public SenderIdentity sender(String firmName) {
        return properties.sender(firmName);
    }

    /** {@code path} ({@code /portal/...}) under the hub's public address. */
    public String link(String path) {
        return address.url(path);
    }

    /**
     * Hands the mail to the mail server; a failure is thrown for the caller's retry policy, as the mail library's own
     * exception (not Camel's wrapper), so that what ops read in a dead letter says what the mail server did.
     */
    public void send(OutgoingMail mail) throws Exception {
        try {
            producer.sendBody(properties.smtpUri(), mail.toMimeMessage(SESSION));
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
