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
 * Digest e-mails ({@code matterhub.mail.digest-*}); sent only when {@code matterhub.mail.enabled}.
 *
 * @param digestIntervalMs how often the digest job looks for digests due; a bare number is milliseconds; default
 *                         1 minute, positive, at most an hour
 * @param digestHour       the local hour (0–23, in each person's time zone) daily digests go out, and weekly ones on
 *                         Mondays; default 8
 * @param digestBatch      digests sent per firm and run, 1–10,000 (default 500); the rest go in the next run
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.mail")
public record DigestProperties(@DefaultValue("60000") @DurationUnit(ChronoUnit.MILLIS)
                               @DurationMin(millis = 1, message = "must be positive")
                               @DurationMax(hours = 1, message = "must be at most 1 hour") Duration digestIntervalMs,
                               @DefaultValue("8") @Min(0) @Max(23) int digestHour,
                               @DefaultValue("500") @Min(1) @Max(10_000) int digestBatch) {
}
