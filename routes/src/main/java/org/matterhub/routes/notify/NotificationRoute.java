package org.matterhub.routes.notify;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Notifications, fanned out. A clustered Quartz trigger (it fires on one node at a time) turns new events into
 * notifications every {@code matterhub.notify.fan-out-interval-ms} (default 5 s).
 */
@Component
public class NotificationRoute extends RouteBuilder {

    private final MessageFanOut messages;
    private final NotifyProperties properties;

    public NotificationRoute(MessageFanOut messages, NotifyProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-notify/fan-out?trigger.repeatInterval=" + properties.fanOutIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("notify-fan-out")
                .process(exchange -> messages.runAll());
    }
}
