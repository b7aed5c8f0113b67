package org.matterhub.routes.practice.clio;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error policy of every Clio route, declared once. The routes carry schedule ticks, not records: each record
 * is retried, classified and dead-lettered by the beans the routes call (ClioSyncService, QueueDrainer), so
 * what reaches this handler is a failure of the tick itself. It is logged and the next tick runs as usual.
 */
@Component
public class ClioRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "clio-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "Clio route ${routeId} tick failed: ${exception.class.simpleName}: ${exception.message}");
    }
}
