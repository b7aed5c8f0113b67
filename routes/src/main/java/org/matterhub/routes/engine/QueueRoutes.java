package org.matterhub.routes.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox and inbox drains. Every node runs them: rows are claimed with FOR UPDATE SKIP LOCKED, so nodes
 * share the work instead of repeating it. A tick that found work is followed at once by another.
 */
@Configuration(proxyBeanMethods = false)
public class QueueRoutes {

    private static final String QUEUE_POLL_MS = "{{matterhub.engine.queue-poll-ms:250}}";

    @Bean
    ScheduledJob outboxDrainJob(QueueDrainer drainer) {
        return ScheduledJob.everyNode("matterhub-outbox", QUEUE_POLL_MS, 1000, "engine-outbox-drain", () -> {
            while (drainer.drainOutbox() > 0) {
                // keep draining while there is due work
            }
        });
    }

    @Bean
    ScheduledJob inboxDrainJob(QueueDrainer drainer) {
        return ScheduledJob.everyNode("matterhub-inbox", QUEUE_POLL_MS, 1000, "engine-inbox-drain", () -> {
            while (drainer.drainInbox() > 0) {
                // keep draining while there is due work
            }
        });
    }

    @Bean
    ScheduledJob connectionMetricsJob(ConnectionMetrics metrics) {
        return ScheduledJob.everyNode("matterhub-metrics", "{{matterhub.engine.metrics-refresh-ms:10000}}", 2000,
                "engine-connection-metrics", metrics::refresh);
    }
}
