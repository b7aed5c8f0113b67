package org.matterhub.routes.practice.clio;

import org.matterhub.routes.engine.ScheduledJob;
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
    ScheduledJob clioInboundPollJob(ClioSyncService sync, ClioSchedule schedule) {
        return ScheduledJob.clustered("matterhub-clio/inbound-poll", schedule.pollIntervalMs(),
                "clio-inbound-poll", ClioRouteConfiguration.ID, sync::pollAll);
    }

    @Bean
    ScheduledJob clioReconciliationJob(ClioSyncService sync, ClioSchedule schedule) {
        return ScheduledJob.clustered("matterhub-clio/reconciliation", schedule.reconcileIntervalMs(),
                "clio-reconciliation", ClioRouteConfiguration.ID, sync::reconcileAll);
    }

    @Bean
    ScheduledJob clioWebhookRenewalJob(ClioSyncService sync, ClioSchedule schedule) {
        return ScheduledJob.clustered("matterhub-clio/webhook-renewal", schedule.webhookCheckIntervalMs(),
                "clio-webhook-renewal", ClioRouteConfiguration.ID, sync::renewWebhooks);
    }
}
