package org.matterhub.routes.documents;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * iManage Work and NetDocuments documents, inbound. Neither vendor offers webhooks, so a clustered Quartz trigger
 * (fires on one node) polls every active DMS connection ({@code matterhub.dms.poll-interval}, default 30 s) and a
 * slower one reconciles ({@code matterhub.dms.reconcile-interval}, default 6 h).
 */
@Component
public class DmsInboundRoute extends RouteBuilder {

    private final DmsSyncService sync;

    public DmsInboundRoute(DmsSyncService sync) {
        this.sync = sync;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-dms/inbound-poll?trigger.repeatInterval={{matterhub.dms.poll-interval-ms:30000}}"
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("dms-documents-inbound")
                .routeConfigurationId(DmsRouteConfiguration.ID)
                .process(exchange -> sync.pollAll());

        from("quartz://matterhub-dms/reconciliation?trigger.repeatInterval={{matterhub.dms.reconcile-interval-ms:21600000}}"
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("dms-documents-reconciliation")
                .routeConfigurationId(DmsRouteConfiguration.ID)
                .process(exchange -> sync.reconcileAll());
    }
}
