package org.matterhub.routes.notify;

import jakarta.mail.internet.MimeMessage;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.springframework.stereotype.Component;

/**
 * Reply by e-mail: camel-mail reads the reply mailbox ({@code matterhub.mail.reply.imap-uri}; IMAP, polling) and
 * hands each mail to {@link ReplyReceiver}. Off unless {@code matterhub.mail.reply.enabled}. Every node may read the
 * mailbox: a mail read twice is handled once (its Message-ID).
 */
@Component
public class ReplyRoute extends RouteBuilder {

    private final ReplyReceiver receiver;
    private final MailProperties mail;

    public ReplyRoute(ReplyReceiver receiver, MailProperties mail) {
        this.receiver = receiver;
        this.mail = mail;
    }

    @Override
    public void configure() {
        if (!mail.reply().enabled()) {
            return;
        }
        if (mail.reply().imapUri() == null) {
            throw new IllegalStateException("matterhub.mail.reply.imap-uri is required when matterhub.mail.reply.enabled is true");
        }
        from(mail.reply().imapUri())
                .routeId("mail-replies")
                .process(exchange -> {
                    // A copy: the reader walks the whole message, and a server's lazily fetched one is slow and partial.
                    MimeMessage original = (MimeMessage) exchange.getIn(MailMessage.class).getMessage();
                    exchange.getIn().setBody(receiver.receive(new MimeMessage(original)));
                });
    }
}
