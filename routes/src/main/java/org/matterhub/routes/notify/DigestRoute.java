package org.matterhub.routes.notify;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Digest e-mails: when {@code matterhub.mail.enabled}, a clustered Quartz trigger (it fires on one node at a time)
 * runs {@link DigestMailer} every {@code matterhub.mail.digest-interval-ms} (default 1 minute).
 */
@Component
public class DigestRoute extends RouteBuilder {

    private final DigestMailer digests;
    private final DigestProperties properties;
    private final MailProperties mail;

    public DigestRoute(DigestMailer digests, DigestProperties properties, MailProperties mail) {
        this.digests = digests;
        this.properties = properties;
        this.mail = mail;
    }

    @Override
    public void configure() {
        if (mail.enabled()) {
            from("quartz://matterhub-notify/digest?trigger.repeatInterval=" + properties.digestIntervalMs().toMillis()
                    + "&trigger.repeatCount=-1&stateful=true")
                    .routeId("notify-digest")
                    .process(exchange -> digests.runAll());
        }
    }
}
