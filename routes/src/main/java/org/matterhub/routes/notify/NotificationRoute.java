package org.matterhub.routes.notify;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Notifications. Clustered Quartz triggers (each fires on one node at a time) fan new events out into notifications
 * every {@code matterhub.notify.fan-out-interval-ms} (default 5 s) and, when {@code matterhub.mail.enabled}, e-mail
 * the immediate ones every {@code matterhub.mail.send-interval-ms} (default 5 s).
 */
@Component
public class NotificationRoute extends RouteBuilder {

    private final MessageFanOut messages;
    private final NotificationMailer mailer;
    private final NotifyProperties properties;
    private final MailProperties mail;

    public NotificationRoute(MessageFanOut messages, NotificationMailer mailer, NotifyProperties properties,
                             MailProperties mail) {
        this.messages = messages;
        this.mailer = mailer;
        this.properties = properties;
        this.mail = mail;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-notify/fan-out?trigger.repeatInterval=" + properties.fanOutIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("notify-fan-out")
                .process(exchange -> messages.runAll());
        if (mail.enabled()) {
            from("quartz://matterhub-notify/mail?trigger.repeatInterval=" + mail.sendIntervalMs().toMillis()
                    + "&trigger.repeatCount=-1&stateful=true")
                    .routeId("notify-mail")
                    .process(exchange -> mailer.runAll());
        }
    }
}
