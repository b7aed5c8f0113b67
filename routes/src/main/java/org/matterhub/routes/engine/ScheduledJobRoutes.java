package org.matterhub.routes.engine;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** One route per {@link ScheduledJob} bean: the queue drains, and the polls and reconciliations of every capability. */
@Component
public class ScheduledJobRoutes extends RouteBuilder {

    private final List<ScheduledJob> jobs;

    public ScheduledJobRoutes(ObjectProvider<ScheduledJob> jobs) {
        this.jobs = jobs.orderedStream().toList();
    }

    @Override
    public void configure() {
        for (ScheduledJob job : jobs) {
            RouteDefinition route = from(job.from()).routeId(job.routeId());
            if (job.routeConfigurationId() != null) {
                route.routeConfigurationId(job.routeConfigurationId());
            }
            route.process(exchange -> job.job().run());
        }
    }
}
