package org.matterhub.routes.notify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Notifications ({@code matterhub.notify.*}).
 *
 * @param fanOutIntervalMs            how often new events are fanned out into notifications; a bare number is
 *                                    milliseconds; default 5 s, positive, at most an hour
 * @param batch                       events fanned out per firm and run, 1–10,000 (default 500)
 * @param invoiceReminderIntervalMs   how often invoices are checked for falling due or overdue; default 15 min,
 *                                    positive, at most a day
 * @param invoiceDueNoticeDays        how many days before its due date an open invoice is announced as due, 0–60
 *                                    (default 3; 0: on the day)
 * @param invoiceOverdueLookbackDays  an invoice that fell overdue longer ago than this is history, not news, 1–365
 *                                    (default 7)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.notify")
public record NotifyProperties(@DefaultValue("5000") @DurationUnit(ChronoUnit.MILLIS)
                               @DurationMin(millis = 1, message = "must be positive")
                               @DurationMax(hours = 1, message = "must be at most 1 hour") Duration fanOutIntervalMs,
                               @DefaultValue("500") @Min(1) @Max(10_000) int batch,
                               @DefaultValue("900000") @DurationUnit(ChronoUnit.MILLIS)
                               @DurationMin(millis = 1, message = "must be positive")
                               @DurationMax(hours = 24, message = "must be at most 1 day") Duration invoiceReminderIntervalMs,
                               @DefaultValue("3") @Min(0) @Max(60) int invoiceDueNoticeDays,
                               @DefaultValue("7") @Min(1) @Max(365) int invoiceOverdueLookbackDays) {

    public NotifyProperties {
        fanOutIntervalMs = fanOutIntervalMs == null ? Duration.ofSeconds(5) : fanOutIntervalMs;
        invoiceReminderIntervalMs = invoiceReminderIntervalMs == null ? Duration.ofMinutes(15) : invoiceReminderIntervalMs;
    }
}
