package org.matterhub.routes.billing;

import org.matterhub.routes.engine.ScheduledJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * QuickBooks Online and Xero, inbound. Clustered Quartz triggers (each fires on one node) poll every active
 * accounting connection ({@code matterhub.billing.poll-interval-ms}, default 60 s; webhooks make a poll happen at once)
 * and reconcile balances ({@code matterhub.billing.reconcile-interval-ms}, default 6 h).
 */
@Configuration(proxyBeanMethods = false)
public class BillingInboundRoute {

    @Bean
    ScheduledJob billingInboundPollJob(BillingSyncService sync, BillingProperties properties) {
        return ScheduledJob.clustered("matterhub-billing/inbound-poll", properties.pollIntervalMs(),
                "billing-inbound", BillingRouteConfiguration.ID, sync::pollAll);
    }

    @Bean
    ScheduledJob billingReconciliationJob(BillingReconciliation reconciliation, BillingProperties properties) {
        return ScheduledJob.clustered("matterhub-billing/reconciliation", properties.reconcileIntervalMs(),
                "billing-reconciliation", BillingRouteConfiguration.ID, reconciliation::runAll);
    }
}
