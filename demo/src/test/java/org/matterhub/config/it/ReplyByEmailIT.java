package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;

/**
 * Reply by e-mail end to end: a notification about a thread reaches the client through the hub's SMTP, the client
 * answers it from their mail program, the hub reads the reply mailbox over IMAP and posts the answer to the thread once,
 * in the client's own scope. A forged sender, an automatic reply and a repeated delivery post nothing. The mail server is
 * GreenMail (SMTP and IMAP); the reply mailbox receives {@code reply+<token>@…} as a plus-addressing server would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyByEmailIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DOMAIN = "portal.harbourlaw.example";
    static final String MAILBOX = "reply@" + DOMAIN;

    GreenMail mail;
    TestHub hub;
    Session session;

    @BeforeAll
    void start() {
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.setUser(MAILBOX, "reply", "secret");
        mail.start();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        hub = TestHub.start(Map.of("matterhub.mail.enabled", "true",
                "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "matterhub.mail.from-address", "notifications@" + DOMAIN,
                "matterhub.mail.domain", DOMAIN,
                "matterhub.mail.reply.enabled", "true",
                "matterhub.mail.reply.imap-uri", "imap://127.0.0.1:" + mail.getImap().getPort()
                        + "?username=reply&password=secret&delay=500&delete=false&unseen=true",
                "matterhub.mail.reply.token-key", Base64.getEncoder().encodeToString(key)));
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        session = Session.getInstance(props);
    }

    @AfterAll
    void stop() {
        hub.close();
        mail.stop();
    }

    String person(String role) {
        return (String) hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "join client_org o on o.id = m.client_org_id where o.name = 'Northwind Holdings Ltd' and m.role = ? "
                + "and m.revoked_at is null order by u.email limit 1", role).get(0).get("email");
    }

    JsonNode json(java.net.http.HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** The notification mail {@code to} received about the thread, once it came. */
    MimeMessage notification(String to, String thread) {
        List<MimeMessage> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            for (MimeMessage m : mail.getReceivedMessagesForDomain(to.substring(to.indexOf('@') + 1))) {
                String refs = m.getHeader("In-Reply-To", ",");
                if (refs != null && refs.contains(thread)
                        && ((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(to)) {
                    found.add(m);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** Sends a reply as a mail program would, to the reply mailbox (the envelope) with the token address in To. */
    void reply(String from, String replyTo, String messageId, String text, Map<String, String> headers) throws Exception {
        // A mail program's Message-ID stays what it is when the mail is sent again (saveChanges would make a new one).
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, replyTo);
        m.setSubject("Re: New message on one of your matters");
        m.setText(text, "UTF-8");
        for (var h : headers.entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        Transport.send(m, new Address[] {new InternetAddress(MAILBOX)});
    }

    long fromEmail(String thread) {
        return hub.count("select count(*) from message where thread_id = ?::uuid and origin = 'email'", thread);
    }

    @Test
    void aClientAnswersANotificationFromTheirMailboxAndTheAnswerPostsOnce() throws Exception {
        String clientEmail = person("org_admin");
        String client = hub.token(clientEmail);
        String partner = hub.token("schen@harbourlaw.example");
        UUID matter = (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id "
                + "where o.name = 'Northwind Holdings Ltd' and m.deleted_at is null order by m.display_number limit 1")
                .get(0).get("id");
        String thread = json(hub.call("POST", "/api/v1/matters/" + matter + "/threads", client,
                "{\"subject\":\"Escrow\",\"body\":\"Who holds the escrow?\"}", "application/json"), 201).get("id").asText();
        json(hub.call("POST", "/api/v1/threads/" + thread + "/messages", partner,
                "{\"body\":\"Our client account does, until completion.\"}", "application/json"), 201);

        MimeMessage note = notification(clientEmail, thread);
        String replyTo = ((InternetAddress) note.getReplyTo()[0]).getAddress();
        assertThat(replyTo).startsWith("reply+").endsWith("@" + DOMAIN);
        String answer = "Thank you, that works for us.\n\nOn Mon, 7 Dec 2026 at 10:00, Harbour Law <notifications@"
                + DOMAIN + "> wrote:\n> There is a new message for you in the client portal.\n";
        reply(clientEmail, replyTo, "<r1." + thread + "@mail.northwind.example>", answer, Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> fromEmail(thread) == 1);
        JsonNode messages = json(hub.get("/api/v1/threads/" + thread + "/messages", client), 200).get("items");
        JsonNode posted = messages.get(messages.size() - 1);
        assertThat(posted.get("body").asText()).isEqualTo("Thank you, that works for us.");
        assertThat(posted.get("origin").asText()).isEqualTo("email");
        assertThat(posted.get("author").get("you").asBoolean()).isTrue();

        // The same mail delivered again, an out-of-office and a forged sender: nothing more is posted.
        reply(clientEmail, replyTo, "<r1." + thread + "@mail.northwind.example>", answer, Map.of());
        reply(clientEmail, replyTo, "<ooo." + thread + "@mail.northwind.example>", "I am out of the office until Monday.",
                Map.of("Auto-Submitted", "auto-replied"));
        reply("mallory@elsewhere.example", replyTo, "<forged." + thread + "@elsewhere.example>", "Wire the funds to me.",
                Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count("select count(*) from inbound_mail where thread_id = ?::uuid",
                thread) == 3);
        assertThat(fromEmail(thread)).isEqualTo(1);
        assertThat(hub.query("select verdict, reason from inbound_mail where thread_id = ?::uuid order by received_at", thread))
                .extracting(r -> r.get("verdict") + ":" + r.get("reason"))
                .containsExactly("posted:null", "ignored:AUTO_REPLY", "refused:FORGED_SENDER");
        // The forged sender is told once, politely, and the explanation says nothing of the thread.
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("elsewhere.example").length == 1);
        MimeMessage told = mail.getReceivedMessagesForDomain("elsewhere.example")[0];
        assertThat(told.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        String raw = new String(told.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("Escrow").doesNotContain("client account");
        for (MimeMessage m : mail.getReceivedMessagesForDomain(clientEmail.substring(clientEmail.indexOf('@') + 1))) {
            assertThat(m.getSubject()).as("the client is never told off for an automatic reply or a repeat")
                    .isNotEqualTo("Your e-mail was not added to the conversation");
        }
    }
}
