package org.matterhub.routes.notify;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.matterhub.connectors.mail.ReplyAddress;
import org.matterhub.connectors.mail.SenderIdentity;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notification e-mail ({@code matterhub.mail.*}), sent through camel-mail. Off unless {@code enabled}.
 *
 * @param enabled        whether notifications are e-mailed at all (default false)
 * @param smtpUri        the camel-mail endpoint, e.g. {@code smtp://mail.example:587?username=…&password=RAW(…)
 *                       &mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true} or {@code smtps://…:465}
 * @param fromAddress    the envelope and {@code From} address of every notification
 * @param domain         the domain of {@code Message-ID}s (threading in the recipient's mail program)
 * @param reply          reply by e-mail: off unless {@code reply.enabled}
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.mail")
public record MailProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("smtp://127.0.0.1:25") @NotBlank
                             @Pattern(regexp = "^smtps?://.+", message = "must be an smtp:// or smtps:// endpoint") String smtpUri,
                             @DefaultValue("notifications@matterhub.invalid") @NotBlank @Email String fromAddress,
                             @DefaultValue("matterhub.invalid") @NotBlank
                             @Pattern(regexp = "^[A-Za-z0-9.-]{1,253}$", message = "must be a domain name") String domain,
                             @jakarta.validation.Valid Reply reply) {

    public MailProperties {
        reply = reply == null ? new Reply(false, null, null, null, null) : reply;
    }

    /** The sending identity of a firm named {@code firmName}: this hub's address, domain and reply address. */
    public SenderIdentity sender(String firmName) {
        return new SenderIdentity(firmName, fromAddress, domain, ReplyAddress.of(domain));
    }

    /**
     * Reply by e-mail ({@code matterhub.mail.reply.*}). Notifications about a thread carry
     * {@code Reply-To: reply+<token>@<domain>}; the mail server delivers those to one mailbox, which the hub reads.
     *
     * @param enabled  whether notifications take replies (default false)
     * @param imapUri  the camel-mail consumer of the reply mailbox, e.g.
     *                 {@code imaps://mail.example:993?username=reply&password=RAW(…)&delay=10000}
     * @param tokenKey the reply tokens' HMAC key, base64 of at least 32 bytes; required when enabled
     * @param tokenTtl how long a reply token is accepted (default 30 days, at most 365)
     * @param explanationsPerHour how many explanations (a refused reply, attachments left out) one sender address is
     *                 sent per hour, 0–100 (default 3); the rest are recorded for ops only (backscatter)
     */
    public record Reply(boolean enabled,
                        @Pattern(regexp = "^imaps?://.+", message = "must be an imap:// or imaps:// endpoint") String imapUri,
                        String tokenKey,
                        @DurationMin(minutes = 1, message = "must be at least a minute")
                        @DurationMax(days = 365, message = "must be at most 365 days") Duration tokenTtl,
                        @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(100)
                        Integer explanationsPerHour) {
        public Reply {
            tokenTtl = tokenTtl == null ? Duration.ofDays(30) : tokenTtl;
            explanationsPerHour = explanationsPerHour == null ? 3 : explanationsPerHour;
        }
    }
}
