package org.matterhub.routes.documents;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error policy of the DMS routes, declared once. The routes carry schedule ticks; each connection's failures are
 * retried, classified and dead-lettered by {@link DmsSyncService}, so what reaches this handler is a failure of the
 * tick itself: it is logged and the next tick runs as usual.
 */
@Component
public class DmsRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "dms-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "DMS route ${routeId} tick failed: ${exception.class.simpleName}: ${exception.message}");
    }
}
