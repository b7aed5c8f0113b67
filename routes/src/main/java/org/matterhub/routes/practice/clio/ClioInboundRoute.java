package org.matterhub.routes.practice.clio;

import org.matterhub.routes.engine.ClusteredTrigger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Clio contacts, matters and activities (time entries), inbound: a clustered Quartz trigger (fires on one node) runs
 * backfill-then-incremental polling of every active connection; a slower one runs full reconciliation; a third keeps
 * Clio webhook subscriptions created and renewed before they expire.
 */
@Configuration(proxyBeanMethods = false)
public class ClioInboundRoute {

    @Bean
    ClusteredTrigger clioInboundPollTrigger(ClioSyncService sync, ClioSchedule schedule) {
        return new ClusteredTrigger("matterhub-clio/inbound-poll", schedule.pollIntervalMs(),
                "clio-inbound-poll", ClioRouteConfiguration.ID, sync::pollAll);
    }

    @Bean
    ClusteredTrigger clioReconciliationTrigger(ClioSyncService sync, ClioSchedule schedule) {
        return new ClusteredTrigger("matterhub-clio/reconciliation", schedule.reconcileIntervalMs(),
                "clio-reconciliation", ClioRouteConfiguration.ID, sync::reconcileAll);
    }

    @Bean
    ClusteredTrigger clioWebhookRenewalTrigger(ClioSyncService sync, ClioSchedule schedule) {
        return new ClusteredTrigger("matterhub-clio/webhook-renewal", schedule.webhookCheckIntervalMs(),
                "clio-webhook-renewal", ClioRouteConfiguration.ID, sync::renewWebhooks);
    }
}
