package org.matterhub.routes.billing;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * QuickBooks Online and Xero, inbound. Clustered Quartz triggers (each fires on one node) poll every active
 * accounting connection ({@code matterhub.billing.poll-interval-ms}, default 60 s; webhooks make a poll happen at once)
 * and reconcile balances ({@code matterhub.billing.reconcile-interval-ms}, default 6 h).
 */
@Component
public class BillingInboundRoute extends RouteBuilder {

    private final BillingSyncService sync;
    private final BillingReconciliation reconciliation;
    private final BillingProperties properties;

    public BillingInboundRoute(BillingSyncService sync, BillingReconciliation reconciliation,
                               BillingProperties properties) {
        this.sync = sync;
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("quartz://matterhub-billing/inbound-poll?trigger.repeatInterval=" + properties.pollIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("billing-inbound")
                .routeConfigurationId(BillingRouteConfiguration.ID)
                .process(exchange -> sync.pollAll());

        from("quartz://matterhub-billing/reconciliation?trigger.repeatInterval=" + properties.reconcileIntervalMs().toMillis()
                + "&trigger.repeatCount=-1&stateful=true")
                .routeId("billing-reconciliation")
                .routeConfigurationId(BillingRouteConfiguration.ID)
                .process(exchange -> reconciliation.runAll());
    }
}
