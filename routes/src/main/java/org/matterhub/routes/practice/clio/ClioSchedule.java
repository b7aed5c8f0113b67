package org.matterhub.routes.practice.clio;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How often the Clio routes run ({@code matterhub.clio.*-interval-ms}; the hub's side of {@code matterhub.clio}, whose
 * connector settings are {@code ClioProperties}). A bare number is milliseconds; {@code 30s} or {@code 5m} work too.
 * Each must be positive and bounded, so a typo cannot make the cluster poll Clio continuously or never.
 *
 * @param pollIntervalMs         how often every connection is polled (backfill, then incremental); default 30 s,
 *                               at most a day
 * @param reconcileIntervalMs    how often the full reconciliation runs; default 1 h, at most 7 days
 * @param webhookCheckIntervalMs how often webhook subscriptions are created or renewed; default 1 min, at most a day
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.clio")
public record ClioSchedule(
        @DefaultValue("30000") @DurationUnit(ChronoUnit.MILLIS)
        @DurationMin(millis = 1, message = "must be positive")
        @DurationMax(days = 1, message = "must be at most 1 day") Duration pollIntervalMs,
        @DefaultValue("3600000") @DurationUnit(ChronoUnit.MILLIS)
        @DurationMin(millis = 1, message = "must be positive")
        @DurationMax(days = 7, message = "must be at most 7 days") Duration reconcileIntervalMs,
        @DefaultValue("60000") @DurationUnit(ChronoUnit.MILLIS)
        @DurationMin(millis = 1, message = "must be positive")
        @DurationMax(days = 1, message = "must be at most 1 day") Duration webhookCheckIntervalMs) {
}
