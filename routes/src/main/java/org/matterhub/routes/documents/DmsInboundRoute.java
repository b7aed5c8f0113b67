package org.matterhub.routes.documents;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * iManage Work and NetDocuments documents, inbound. Neither vendor offers webhooks, so a clustered Quartz trigger
 * (fires on one node) polls every active DMS connection ({@code matterhub.dms.poll-interval-ms}, default 30 s) and a
 * slower one reconciles ({@code matterhub.dms.reconcile-interval-ms}, default 6 h).
 */
@Component
public class DmsInboundRoute extends RouteBuilder {

    private final DmsSyncService sync;
    private final DmsProperties properties;

    public DmsInboundRoute(DmsSyncService sync, DmsProperties properties) {
        this.sync = sync;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-dms/inbound-poll?trigger.repeatInterval=" + properties.pollIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("dms-documents-inbound")
                .routeConfigurationId(DmsRouteConfiguration.ID)
                .process(exchange -> sync.pollAll());

        from("quartz://matterhub-dms/reconciliation?trigger.repeatInterval=" + properties.reconcileIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("dms-documents-reconciliation")
                .routeConfigurationId(DmsRouteConfiguration.ID)
                .process(exchange -> sync.reconcileAll());
    }
}
