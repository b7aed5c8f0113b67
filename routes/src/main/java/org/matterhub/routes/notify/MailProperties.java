package org.matterhub.routes.notify;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Notification e-mail ({@code matterhub.mail.*}), sent through camel-mail. Off unless {@code enabled}.
 *
 * @param enabled        whether notifications are e-mailed at all (default false)
 * @param smtpUri        the camel-mail endpoint, e.g. {@code smtp://mail.example:587?username=…&password=RAW(…)
 *                       &mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true} or {@code smtps://…:465}
 * @param fromAddress    the envelope and {@code From} address of every notification
 * @param domain         the domain of {@code Message-ID}s (threading in the recipient's mail program)
 * @param sendIntervalMs how often immediate notifications are sent; a bare number is milliseconds; default 5 s
 * @param batch          notifications sent per firm and run, 1–1,000 (default 100)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.mail")
public record MailProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("smtp://127.0.0.1:25") @NotBlank
                             @Pattern(regexp = "^smtps?://.+", message = "must be an smtp:// or smtps:// endpoint") String smtpUri,
                             @DefaultValue("notifications@matterhub.invalid") @NotBlank @Email String fromAddress,
                             @DefaultValue("matterhub.invalid") @NotBlank
                             @Pattern(regexp = "^[A-Za-z0-9.-]{1,253}$", message = "must be a domain name") String domain,
                             @DefaultValue("5000") @DurationUnit(ChronoUnit.MILLIS)
                             @DurationMin(millis = 1, message = "must be positive")
                             @DurationMax(hours = 1, message = "must be at most 1 hour") Duration sendIntervalMs,
                             @DefaultValue("100") @jakarta.validation.constraints.Min(1)
                             @jakarta.validation.constraints.Max(1000) int batch) {
}
