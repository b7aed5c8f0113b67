package org.matterhub.routes.engine;

import java.time.Duration;

/**
 * A job that a clustered Quartz trigger runs every {@code interval} on one node of the cluster; a stateful trigger, so a
 * tick never overlaps the one before it. A capability declares its triggers as beans; {@link ClusteredTriggerRoutes}
 * makes each one a route.
 *
 * @param trigger              the Quartz trigger, {@code group/name} (e.g. {@code matterhub-dms/inbound-poll})
 * @param interval             how often it fires
 * @param routeId              the id of its route
 * @param routeConfigurationId the route configuration (the error policy) its route uses
 * @param job                  what a tick runs
 */
public record ClusteredTrigger(String trigger, Duration interval, String routeId, String routeConfigurationId,
                               Runnable job) {
}
