package org.matterhub.routes.engine;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The outbox and inbox drains. Every node runs them: rows are claimed with FOR UPDATE SKIP LOCKED, so nodes
 * share the work instead of repeating it. A tick that found work is followed at once by another.
 */
@Component
public class QueueRoutes extends RouteBuilder {

    private final QueueDrainer drainer;
    private final ConnectionMetrics metrics;

    public QueueRoutes(QueueDrainer drainer, ConnectionMetrics metrics) {
        this.drainer = drainer;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("timer:matterhub-outbox?period={{matterhub.engine.queue-poll-ms:250}}&delay=1000")
                .routeId("engine-outbox-drain")
                .process(exchange -> {
                    while (drainer.drainOutbox() > 0) {
                        // keep draining while there is due work
                    }
                });
        from("timer:matterhub-inbox?period={{matterhub.engine.queue-poll-ms:250}}&delay=1000")
                .routeId("engine-inbox-drain")
                .process(exchange -> {
                    while (drainer.drainInbox() > 0) {
                        // keep draining while there is due work
                    }
                });
        from("timer:matterhub-metrics?period={{matterhub.engine.metrics-refresh-ms:10000}}&delay=2000")
                .routeId("engine-connection-metrics")
                .process(exchange -> metrics.refresh());
    }
}
