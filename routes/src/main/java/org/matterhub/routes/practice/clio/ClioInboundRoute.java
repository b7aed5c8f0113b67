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

    public ClioInboundRoute(ClioSyncService sync) {
        this.sync = sync;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-clio/inbound-poll?trigger.repeatInterval={{matterhub.clio.poll-interval-ms:30000}}"
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("clio-inbound-poll")
                .routeConfigurationId(ClioRouteConfiguration.ID)
                .process(exchange -> sync.pollAll());

        from("quartz://matterhub-clio/reconciliation?trigger.repeatInterval={{matterhub.clio.reconcile-interval-ms:3600000}}"
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("clio-reconciliation")
                .routeConfigurationId(ClioRouteConfiguration.ID)
                .process(exchange -> sync.reconcileAll());
    }
}
