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
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reply by e-mail end to end: a notification about a thread reaches the client through the hub's SMTP, the client
 * answers it from their mail program, the hub reads the reply mailbox over IMAP and posts the answer to the thread once,
 * in the client's own scope. A forged sender, an automatic reply and a repeated delivery post nothing. A reply's PDF is
 * filed as an upload is and attached once, hostile files are left out (the sender told once), a repeated delivery
 * makes no second document, and a forged sender is told at most the hourly allowance of explanations. The mail server is
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
                "matterhub.mail.reply.token-key", Base64.getEncoder().encodeToString(key),
                "matterhub.mail.reply.explanations-per-hour", "2"));
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
        reply(from, replyTo, messageId, text, headers, List.of());
    }

    /** A file a reply carries. */
    record File(String name, String type, byte[] content) {
    }

    void reply(String from, String replyTo, String messageId, String text, Map<String, String> headers, List<File> files)
            throws Exception {
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
        if (files.isEmpty()) {
            m.setText(text, "UTF-8");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            for (File f : files) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(f.content(), f.type())));
                part.setFileName(f.name());
                part.setDisposition(jakarta.mail.Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        }
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

    /** A thread the Northwind org admin started and a partner answered; the client's notification's reply address. */
    record Conversation(String clientEmail, String client, UUID matter, String thread, String replyTo) {
    }

    Conversation conversation(String subject) throws Exception {
        String clientEmail = person("org_admin");
        String client = hub.token(clientEmail);
        UUID matter = (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id "
                + "where o.name = 'Northwind Holdings Ltd' and m.deleted_at is null order by m.display_number limit 1")
                .get(0).get("id");
        String thread = json(hub.call("POST", "/api/v1/matters/" + matter + "/threads", client,
                "{\"subject\":\"" + subject + "\",\"body\":\"Where are we?\"}", "application/json"), 201).get("id").asText();
        json(hub.call("POST", "/api/v1/threads/" + thread + "/messages", hub.token("schen@harbourlaw.example"),
                "{\"body\":\"Please send the signed pages.\"}", "application/json"), 201);
        MimeMessage note = notification(clientEmail, thread);
        return new Conversation(clientEmail, client, matter, thread, ((InternetAddress) note.getReplyTo()[0]).getAddress());
    }

    /** Sends a marker mail (an automatic reply, which is recorded and ignored) and waits for it: mail before it is done. */
    void drain(Conversation c, String marker) throws Exception {
        reply(c.clientEmail(), c.replyTo(), marker, "Automatic reply: I am away.", Map.of("Auto-Submitted", "auto-replied"));
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count("select count(*) from inbound_mail where message_id = ?",
                marker) == 1);
    }

    long documentsTitled(UUID matter, String title) {
        return hub.count("select count(*) from document where matter_id = ? and title = ?", matter, title);
    }

    /** The firm's stored objects (the S3 proxy's folder entries, left where objects were deleted, are not objects). */
    Set<String> storedKeys() {
        S3Client s3 = hub.bean(S3Client.class);
        Set<String> keys = new HashSet<>();
        String bucket = hub.bean(org.springframework.core.env.Environment.class).getProperty("matterhub.storage.bucket");
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix("firms/" + hub.firmId() + "/").build())
                .contents().stream().map(S3Object::key).filter(k -> !k.endsWith("/")).forEach(keys::add);
        return keys;
    }

    @Test
    void aRepliedPdfIsFiledLikeAnUploadAndAttachedOnceAndHostileFilesAreLeftOut() throws Exception {
        Conversation c = conversation("Signed pages");
        String domain = c.clientEmail().substring(c.clientEmail().indexOf('@') + 1);
        byte[] pdf = DocumentUploadIT.pdf("Heads of terms, signed by both parties");
        String messageId = "<att." + c.thread() + "@mail.northwind.example>";
        List<File> files = List.of(new File("Heads of terms.pdf", "application/pdf", pdf),
                new File("brief.docm", "application/vnd.ms-word.document.macroEnabled.12", pdf),
                new File("invoice.pdf", "application/pdf", DocumentUploadIT.windowsExe()));
        String text = "Please find the signed heads of terms attached.\n\nOn Mon, 7 Dec 2026, Harbour Law wrote:\n> Please send";
        int keysBefore = storedKeys().size();
        reply(c.clientEmail(), c.replyTo(), messageId, text, Map.of(), files);
        await().atMost(Duration.ofSeconds(60)).until(() -> fromEmail(c.thread()) == 1);

        // The message: the author's text, the one accepted file attached, a line per file left out.
        JsonNode items = json(hub.get("/api/v1/threads/" + c.thread() + "/messages", c.client()), 200).get("items");
        JsonNode posted = items.get(items.size() - 1);
        String body = posted.get("body").asText();
        assertThat(body).startsWith("Please find the signed heads of terms attached.")
                .contains("[Attachment not added: brief.docm — Macro-enabled Office files (.docm) are not accepted")
                .contains("[Attachment not added: invoice.pdf — ").doesNotContain("Heads of terms.pdf —");
        assertThat(posted.get("attachments")).hasSize(1);
        assertThat(posted.get("attachments").get(0).get("title").asText()).isEqualTo("Heads of terms");
        UUID document = UUID.fromString(posted.get("attachments").get(0).get("documentId").asText());

        // The document: as a client's upload is (published to the org, the client uploads category, encrypted in the
        // store, audited), and filed into the matter's DMS workspace through the outbox.
        Map<String, Object> doc = hub.query("select matter_id, state, category from document where id = ?", document).get(0);
        assertThat(doc.get("matter_id")).isEqualTo(c.matter());
        assertThat(doc.get("state")).isEqualTo("published");
        assertThat(doc.get("category")).isEqualTo("client_uploads");
        assertThat(json(hub.get("/api/v1/documents/" + document, c.client()), 200).get("title").asText())
                .isEqualTo("Heads of terms");
        assertThat(hub.query("select sha256 from document_version where document_id = ?", document).get(0).get("sha256"))
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(hub.count("select count(*) from audit_event where action = 'document.uploaded' and subject_id = ? "
                + "and details ->> 'via' = 'email'", document.toString())).isEqualTo(1);
        assertThat(storedKeys()).as("only the accepted file is stored").hasSize(keysBefore + 1);
        await().atMost(Duration.ofSeconds(90)).until(() -> "delivered".equals(hub.query("select status from outbox "
                + "where aggregate_id = ? and kind = 'document.upload'", document).stream().findFirst()
                .map(r -> r.get("status")).orElse(null)));
        assertThat(hub.count("select count(*) from dms_document where document_id = ?", document)).isEqualTo(1);
        assertThat(documentsTitled(c.matter(), "brief")).isZero();
        // Each file left out is audited as a refused upload is, with the inspector's reason.
        List<Map<String, Object>> refusals = hub.query("select details ->> 'fileName' as name, details ->> 'reason' as reason "
                + "from audit_event where action = 'document.upload_rejected' and subject_id = ? and details ->> 'via' = 'email' "
                + "order by id", c.matter().toString());
        assertThat(refusals).extracting(r -> r.get("name")).containsExactly("brief.docm", "invoice.pdf");
        assertThat(refusals.get(0).get("reason")).isEqualTo("MACRO_ENABLED");
        assertThat(refusals.get(1).get("reason")).isIn("EXECUTABLE", "TYPE_MISMATCH", "POLYGLOT");
        assertThat(documentsTitled(c.matter(), "invoice")).isZero();

        // Recorded for ops, and the sender told once which files were left out and why.
        assertThat(hub.query("select verdict, reason, explained from inbound_mail where message_id = ?", messageId))
                .extracting(r -> r.get("verdict") + ":" + r.get("reason") + ":" + r.get("explained"))
                .containsExactly("posted:ATTACHMENTS_NOT_ADDED:true");
        await().atMost(Duration.ofSeconds(30)).until(() -> notices(domain, c.clientEmail()) == 1);

        // The same mail delivered again: nothing new, not a document, not a stored object, not a notice.
        reply(c.clientEmail(), c.replyTo(), messageId, text, Map.of(), files);
        drain(c, "<away1." + c.thread() + "@mail.northwind.example>");
        assertThat(fromEmail(c.thread())).isEqualTo(1);
        assertThat(documentsTitled(c.matter(), "Heads of terms")).isEqualTo(1);
        assertThat(storedKeys()).hasSize(keysBefore + 1);

        // As if the hub had died between posting the reply and recording the mail: the record is gone, the mail comes
        // again. It is stored and inspected again, but the message exists: its documents roll back, its objects go.
        var store = hub.bean(org.matterhub.store.StoreConfiguration.StoreEndpoint.class);
        try (java.sql.Connection owner = java.sql.DriverManager.getConnection(store.jdbcUrl(), store.ownerUser(),
                store.ownerPassword()); var delete = owner.prepareStatement("delete from inbound_mail where message_id = ?")) {
            delete.setString(1, messageId);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        reply(c.clientEmail(), c.replyTo(), messageId, text, Map.of(), files);
        drain(c, "<away2." + c.thread() + "@mail.northwind.example>");
        assertThat(fromEmail(c.thread())).isEqualTo(1);
        assertThat(documentsTitled(c.matter(), "Heads of terms")).isEqualTo(1);
        assertThat(storedKeys()).as("the second delivery's stored file was deleted again").hasSize(keysBefore + 1);
        assertThat(hub.query("select verdict, posted_message_id from inbound_mail where message_id = ?", messageId))
                .extracting(r -> r.get("verdict") + ":" + r.get("posted_message_id"))
                .containsExactly("posted:" + posted.get("id").asText());
        assertThat(notices(domain, c.clientEmail())).isEqualTo(1);
    }

    /** Mails telling {@code to} that files were left out. */
    long notices(String domain, String to) throws Exception {
        long n = 0;
        for (MimeMessage m : mail.getReceivedMessagesForDomain(domain)) {
            if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(to)
                    && "Some files of your e-mail were not added".equals(m.getSubject())) {
                n++;
                String raw = new String(m.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(raw).contains("brief.docm").contains("invoice.pdf").doesNotContain("Heads of terms.pdf:");
            }
        }
        return n;
    }

    @Test
    void aForgedSenderIsToldAtMostTheHourlyAllowanceOfExplanations() throws Exception {
        Conversation c = conversation("Backscatter");
        String spoofed = "victim@backscatter.example";
        for (int i = 0; i < 4; i++) {
            reply(spoofed, c.replyTo(), "<spam" + i + "." + c.thread() + "@backscatter.example>", "Wire the funds.", Map.of());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count("select count(*) from inbound_mail where thread_id = "
                + "?::uuid and reason = 'FORGED_SENDER'", c.thread()) == 4);
        assertThat(hub.count("select count(*) from inbound_mail where thread_id = ?::uuid and explained", c.thread()))
                .as("explanations recorded: the hourly allowance of 2").isEqualTo(2);
        assertThat(hub.count("select count(*) from inbound_mail where thread_id = ?::uuid and explained "
                + "and explained_to = ?", c.thread(), spoofed)).isEqualTo(2);
        assertThat(mail.getReceivedMessagesForDomain("backscatter.example")).as("explanations received").hasSize(2);
        assertThat(fromEmail(c.thread())).isZero();
    }
}
