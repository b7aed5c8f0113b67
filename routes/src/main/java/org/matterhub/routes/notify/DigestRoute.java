package org.matterhub.routes.notify;

import org.matterhub.routes.engine.ScheduledJob;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Digest e-mails: when {@code matterhub.mail.enabled}, a clustered Quartz trigger (it fires on one node at a time)
 * runs {@link DigestMailer} every {@code matterhub.mail.digest-interval-ms} (default 1 minute).
 */
@Configuration(proxyBeanMethods = false)
public class DigestRoute {

    @Bean
    @ConditionalOnProperty(prefix = "matterhub.mail", name = "enabled", havingValue = "true")
    ScheduledJob notificationDigestJob(DigestMailer digests, DigestProperties properties) {
        return ScheduledJob.clustered("matterhub-notify/digest", properties.digestIntervalMs(), "notify-digest", null,
                digests::runAll);
    }
}
