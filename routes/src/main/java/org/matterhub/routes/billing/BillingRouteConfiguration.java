package org.matterhub.routes.billing;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/** A failed billing tick is logged and the route keeps its schedule (the failure itself is already a dead letter). */
@Component
public class BillingRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "billing-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "Billing route ${routeId} tick failed: ${exception.class.simpleName}: ${exception.message}");
    }
}
