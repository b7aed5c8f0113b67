package org.matterhub.routes.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One route per {@link ScheduledJob} bean: the queue drains, and the polls and reconciliations of every capability.
 * Each tick a job completes counts in the meter {@value #TICKS} (tag {@code route}: the route's id), so operators and
 * tests can see a job run rather than wait out a guess.
 */
@Component
public class ScheduledJobRoutes extends RouteBuilder {

    /** Ticks a scheduled job completed without an error, by route id. */
    public static final String TICKS = "matterhub.job.ticks";

    private final List<ScheduledJob> jobs;
    private final MeterRegistry meters;

    public ScheduledJobRoutes(ObjectProvider<ScheduledJob> jobs, ObjectProvider<MeterRegistry> meters) {
        this.jobs = jobs.orderedStream().toList();
        this.meters = meters.getIfAvailable();
    }

    @Override
    public void configure() {
        for (ScheduledJob job : jobs) {
            RouteDefinition route = from(job.from()).routeId(job.routeId());
            if (job.routeConfigurationId() != null) {
                route.routeConfigurationId(job.routeConfigurationId());
            }
            Counter ticks = meters == null ? null : Counter.builder(TICKS).description("Ticks a scheduled job completed")
                    .tag("route", job.routeId()).register(meters);
            route.process(exchange -> {
                job.job().run();
                if (ticks != null) {
                    ticks.increment();
                }
            });
        }
    }
}
