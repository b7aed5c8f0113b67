package org.matterhub.routes.engine;

import java.time.Duration;

/**
 * A job a route runs on a schedule. A capability declares its jobs as beans; {@link ScheduledJobRoutes} makes each
 * one a route.
 *
 * @param from                 the route's endpoint: a clustered Quartz trigger ({@link #clustered}) or a timer of
 *                             every node ({@link #everyNode})
 * @param routeId              the id of its route
 * @param routeConfigurationId the route configuration (the error policy) its route uses, or null for the default
 * @param job                  what a tick runs
 */
public record ScheduledJob(String from, String routeId, String routeConfigurationId, Runnable job) {

    /**
     * A job a clustered Quartz trigger runs every {@code interval} on one node of the cluster; a stateful trigger, so
     * a tick never overlaps the one before it.
     *
     * @param trigger the Quartz trigger, {@code group/name} (e.g. {@code matterhub-dms/inbound-poll})
     */
    public static ScheduledJob clustered(String trigger, Duration interval, String routeId, String routeConfigurationId,
                                         Runnable job) {
        return new ScheduledJob("quartz://" + trigger + "?trigger.repeatInterval=" + interval.toMillis()
                + "&trigger.repeatCount=-1&stateful=true", routeId, routeConfigurationId, job);
    }

    /**
     * A job every node runs, a timer's {@code period} after the last tick ended.
     *
     * @param period the period in milliseconds, or a property placeholder ({@code {{name:default}}}) for it
     * @param delay  milliseconds before the first tick
     */
    public static ScheduledJob everyNode(String timer, String period, long delay, String routeId, Runnable job) {
        return new ScheduledJob("timer:" + timer + "?period=" + period + "&delay=" + delay, routeId, null, job);
    }
}
