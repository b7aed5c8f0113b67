package org.matterhub.demo;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo's mail server: GreenMail with SMTP and IMAP on loopback ports, started before the application context when
 * the demo is enabled ({@code matterhub.demo.mail-server}, default true) and no {@code matterhub.mail.smtp-uri} is
 * configured. {@code matterhub.mail.*} then point at it, so notifications go out over SMTP and replies come in from the
 * reply mailbox over IMAP exactly as in production. The server delivers {@code reply+<token>@<domain>} to
 * {@code reply@<domain>}, as a sub-addressing mail server does. Every demo user gets a mailbox (login: the address,
 * password {@link #PASSWORD}), read by {@code ./matterhub mail} ({@link DemoMailbox}). Mail lives in memory: a restart of
 * the demo empties the mailboxes. The server stops when the application context closes.
 */
public class DemoMailServer implements EnvironmentPostProcessor {

    /** The domain of the demo firm's notification and reply addresses. */
    public static final String DOMAIN = "portal.harbourlaw.example";
    /** The password of every demo mailbox: a demo secret, not for production. */
    public static final String PASSWORD = "demo-mail";
    static final String REPLY_LOGIN = "reply";
    /** The reply tokens' HMAC key of the demo (base64 of 32 bytes); not for production. */
    static final String TOKEN_KEY = "ZGVtby1yZXBseS10b2tlbi1rZXktbm90LWZvci1wcm9k";

    private static final Map<String, GreenMail> RUNNING = new ConcurrentHashMap<>();

    /** The server started for the context whose {@code matterhub.demo.mail-server-id} is {@code id}, or null. */
    public static GreenMail running(String id) {
        return id == null ? null : RUNNING.get(id);
    }

    /** Gives each of {@code emails} a mailbox (login: the address) unless it has one. */
    public static void createMailboxes(GreenMail server, Collection<String> emails) {
        for (String email : emails) {
            if (server.getUserManager().getUserByEmail(email) == null) {
                server.setUser(email, email, PASSWORD);
            }
        }
    }

    /** A server on 127.0.0.1; port 0 means any free port. */
    private static ServerSetup loopback(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!DemoProperties.startsStandIn(env, "mail-server", "matterhub.mail.smtp-uri")) {
            return;
        }
        int smtpPort = env.getProperty("matterhub.demo.smtp-port", Integer.class, 8025);
        int imapPort = env.getProperty("matterhub.demo.imap-port", Integer.class, 8143);
        GreenMail server = new GreenMail(new ServerSetup[] {
                loopback(smtpPort, ServerSetup.PROTOCOL_SMTP), loopback(imapPort, ServerSetup.PROTOCOL_IMAP)});
        // reply+<token>@domain is delivered to reply@domain (RFC 5233 sub-addressing, as the firm's server would); a
        // recipient without a mailbox gets one, with the demo password.
        server.getUserManager().setMessageDeliveryHandler((message, address) -> {
            String email = address.getUser().replaceFirst("\\+.*", "") + "@" + address.getHost();
            GreenMailUser user = server.getUserManager().getUserByEmail(email);
            return user != null ? user : server.getUserManager().createUser(email, email, PASSWORD);
        });
        server.start();
        String domain = env.getProperty("matterhub.mail.domain", DOMAIN);
        server.setUser("reply@" + domain, REPLY_LOGIN, PASSWORD);
        String id = UUID.randomUUID().toString();
        RUNNING.put(id, server);
        Map<String, Object> props = new HashMap<>();
        props.put("matterhub.demo.mail-server-id", id);
        props.put("matterhub.demo.smtp-port", server.getSmtp().getPort());
        props.put("matterhub.demo.imap-port", server.getImap().getPort());
        props.put("matterhub.mail.enabled", "true");
        props.put("matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + server.getSmtp().getPort());
        props.put("matterhub.mail.domain", domain);
        props.put("matterhub.mail.from-address", env.getProperty("matterhub.mail.from-address", "notifications@" + domain));
        props.put("matterhub.mail.reply.enabled", "true");
        props.put("matterhub.mail.reply.imap-uri", "imap://127.0.0.1:" + server.getImap().getPort() + "?username="
                + REPLY_LOGIN + "&password=" + PASSWORD + "&delay="
                + env.getProperty("matterhub.demo.reply-poll-ms", "2000") + "&delete=false&unseen=true");
        props.put("matterhub.mail.reply.token-key", env.getProperty("matterhub.mail.reply.token-key", TOKEN_KEY));
        env.getPropertySources().addFirst(new MapPropertySource("matterhubDemoMailServer", props));
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> {
            GreenMail running = RUNNING.remove(id);
            if (running != null) {
                running.stop();
            }
        });
    }
}
