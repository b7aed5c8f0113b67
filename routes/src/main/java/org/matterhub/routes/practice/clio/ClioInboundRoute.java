package org.matterhub.routes.practice.clio;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Clio contacts, matters and activities (time entries), inbound: a clustered Quartz trigger (fires on one node) runs backfill-then-
 * incremental polling of every active connection; a slower one runs full reconciliation.
 */
@Component
public class ClioInboundRoute extends RouteBuilder {

    private final ClioSyncService sync;
    private final ClioSchedule schedule;

    public ClioInboundRoute(ClioSyncService sync, ClioSchedule schedule) {
        this.sync = sync;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-clio/inbound-poll?trigger.repeatInterval=" + schedule.pollIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("clio-inbound-poll")
                .routeConfigurationId(ClioRouteConfiguration.ID)
                .process(exchange -> sync.pollAll());

        from("quartz://matterhub-clio/reconciliation?trigger.repeatInterval=" + schedule.reconcileIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("clio-reconciliation")
                .routeConfigurationId(ClioRouteConfiguration.ID)
                .process(exchange -> sync.reconcileAll());
    }
}
