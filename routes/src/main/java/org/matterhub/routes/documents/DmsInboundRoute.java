package org.matterhub.routes.documents;

import org.matterhub.routes.engine.ScheduledJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * iManage Work and NetDocuments documents, inbound. Neither vendor offers webhooks, so a clustered Quartz trigger
 * (fires on one node) polls every active DMS connection ({@code matterhub.dms.poll-interval-ms}, default 30 s) and a
 * slower one reconciles ({@code matterhub.dms.reconcile-interval-ms}, default 6 h).
 */
@Configuration(proxyBeanMethods = false)
public class DmsInboundRoute {

    @Bean
    ScheduledJob dmsInboundPollJob(DmsSyncService sync, DmsProperties properties) {
        return ScheduledJob.clustered("matterhub-dms/inbound-poll", properties.pollIntervalMs(),
                "dms-documents-inbound", DmsRouteConfiguration.ID, sync::pollAll);
    }

    @Bean
    ScheduledJob dmsReconciliationJob(DmsSyncService sync, DmsProperties properties) {
        return ScheduledJob.clustered("matterhub-dms/reconciliation", properties.reconcileIntervalMs(),
                "dms-documents-reconciliation", DmsRouteConfiguration.ID, sync::reconcileAll);
    }
}
