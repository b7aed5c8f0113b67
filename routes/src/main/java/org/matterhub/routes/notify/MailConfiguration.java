package org.matterhub.routes.notify;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.matterhub.connectors.mail.ReplyTokenKeys;
import org.matterhub.connectors.mail.ReplyTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reply tokens' keys: from {@code matterhub.mail.reply.token-key} when replies are taken. */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    @Bean
    ReplyTokens replyTokens(MailProperties mail) {
        String key = mail.reply().tokenKey();
        byte[] bytes;
        if (key == null || key.isBlank()) {
            if (mail.reply().enabled()) {
                throw new IllegalStateException("matterhub.mail.reply.token-key is required when "
                        + "matterhub.mail.reply.enabled is true (base64 of at least 32 random bytes)");
            }
            // No replies are taken: tokens are never issued, and none verifies across a restart.
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        } else {
            try {
                bytes = Base64.getDecoder().decode(key.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("matterhub.mail.reply.token-key is not base64");
            }
            if (bytes.length < ReplyTokenKeys.MIN_KEY_BYTES) {
                throw new IllegalStateException("matterhub.mail.reply.token-key must be at least "
                        + ReplyTokenKeys.MIN_KEY_BYTES + " bytes (was " + bytes.length + ")");
            }
        }
        return new ReplyTokens(ReplyTokenKeys.single(bytes), Clock.systemUTC());
    }
}
