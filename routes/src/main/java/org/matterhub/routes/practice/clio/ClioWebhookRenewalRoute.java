package org.matterhub.routes.practice.clio;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Keeps Clio webhook subscriptions created and renewed before they expire (clustered Quartz). */
@Component
public class ClioWebhookRenewalRoute extends RouteBuilder {

    private final ClioSyncService sync;
    private final ClioSchedule schedule;

    public ClioWebhookRenewalRoute(ClioSyncService sync, ClioSchedule schedule) {
        this.sync = sync;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-clio/webhook-renewal?trigger.repeatInterval=" + schedule.webhookCheckIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("clio-webhook-renewal")
                .routeConfigurationId(ClioRouteConfiguration.ID)
                .process(exchange -> sync.renewWebhooks());
    }
}
