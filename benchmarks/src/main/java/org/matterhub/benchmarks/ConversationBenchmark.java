package org.matterhub.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.matterhub.config.support.TestHub;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The matter conversation, measured side by side in one run:
 * <ol>
 *   <li><b>messages/s end to end</b>: {@code POST /api/v1/threads/{id}/messages} over HTTP as the client's org admin,
 *       one after the other: the token checked, the contract enforced, row-level security, the message stored, the
 *       Clio outbox row queued and the audit event written in one transaction — beside <b>plain JDBC</b> inserting
 *       the same rows (a message and an outbox row per transaction) through the application's DataSource in the
 *       same firm's scope;</li>
 *   <li><b>e-mails/s</b>: immediate notifications sent by the hub's mailer through camel-mail to a local SMTP server
 *       (GreenMail), beside <b>raw Jakarta Mail</b> sending as many equivalent messages to the same server over one
 *       connection.</li>
 * </ol>
 * Run: see benchmarks/README.md, "Conversation".
 */
final class ConversationBenchmark {

    static final String ORG_ADMIN = "gc@northwind.example";

    public static void main(String[] args) throws Exception {
        int messages = 1000;
        int mails = 500;
        Path out = Path.of("benchmarks/target/conversation-benchmark.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--mails" -> mails = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ConversationBenchmark [--messages N] [--mails M] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("environment", BenchSupport.environment());
        results.put("options", Map.of("messages", messages, "mails", mails));
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        TestHub hub = null;
        boolean failed = false;
        try {
            Report.progress("starting the hub with notification e-mail to a local SMTP server");
            hub = TestHub.start(Map.of("matterhub.mail.enabled", "true",
                    "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                    "matterhub.notify.fan-out-interval-ms", "3600000",
                    "matterhub.logging.level", "WARN"));
            TestHub h = hub;
            int n = messages;
            int m = mails;
            failed |= BenchSupport.measure(results, "messages", () -> messages(h, n));
            failed |= BenchSupport.measure(results, "mails", () -> mails(h, smtp, m));
        } finally {
            if (hub != null) {
                hub.close();
            }
            smtp.stop();
        }
        BenchSupport.finish(out, results,
                BenchSupport.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n",
                failed ? 1 : 0);
    }

    /** Messages posted through the API vs the same rows by plain JDBC, each in its own transaction. */
    static Map<String, Object> messages(TestHub hub, int n) throws Exception {
        String token = hub.token(ORG_ADMIN);
        UUID matter = (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id "
                + "where o.name = 'Northwind Holdings Ltd' and m.source_connection_id is not null and m.deleted_at is null "
                + "order by m.display_number limit 1").get(0).get("id");
        String thread = BenchSupport.JSON.readTree(hub.call("POST", "/api/v1/matters/" + matter + "/threads", token,
                "{\"subject\":\"Benchmark\",\"body\":\"warm-up\"}", "application/json").body()).get("id").asText();
        for (int i = 0; i < Math.min(100, n / 10); i++) {
            post(hub, token, thread, "warm-up " + i);
        }
        long before = hub.count("select count(*) from outbox where kind = 'message.mirror'");
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            post(hub, token, thread, "Benchmark message " + i);
        }
        double api = (System.nanoTime() - t0) / 1e9;
        long queued = hub.count("select count(*) from outbox where kind = 'message.mirror'") - before;
        if (queued != n) {
            throw new AssertionError("expected " + n + " outbox rows, found " + queued);
        }

        UUID connection = (UUID) hub.query("select source_connection_id from matter where id = ?", matter).get(0)
                .get("source_connection_id");
        UUID firm = hub.firmId();
        UUID author = (UUID) hub.query("select id from portal_user where email = ?", ORG_ADMIN).get(0).get("id");
        Tenancy tenancy = hub.bean(Tenancy.class);
        var jdbc = hub.jdbc();
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String body = "Plain message " + i;
            tenancy.writeVoid(TenantScope.system(firm), () -> {
                UUID id = jdbc.queryForObject("insert into message (firm_id, thread_id, matter_id, author_id, author_kind, "
                        + "body) values (?, ?::uuid, ?, ?, 'client', ?) returning id", UUID.class, firm, thread, matter,
                        author, body);
                // Pending like the hub's row, but not due: the hub's drainer leaves it alone during the measurement.
                jdbc.update("insert into outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, "
                        + "idempotency_key, next_attempt_at) values (?, ?, 'bench.plain', 'message', ?, '{}'::jsonb, ?, "
                        + "now() + interval '1 day')", firm, connection, id, "bench.plain:" + UUID.randomUUID());
            });
        }
        double plain = (System.nanoTime() - t1) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("messages", n);
        r.put("api_messages_per_second", BenchSupport.round(n / api, 1));
        r.put("plain_jdbc_messages_per_second", BenchSupport.round(n / plain, 1));
        r.put("ratio", BenchSupport.round(plain / api, 3));
        return r;
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** One post as a client sends it: plain HTTP, no contract check on this side (the hub enforces its own). */
    private static void post(TestHub hub, String token, String thread, String body) throws Exception {
        var r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.baseUrl() + "/api/v1/threads/"
                        + thread + "/messages")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"" + body + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError("post answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The hub's mailer vs raw Jakarta Mail, the same number of messages to the same local SMTP server. */
    static Map<String, Object> mails(TestHub hub, GreenMail smtp, int n) throws Exception {
        UUID firm = hub.firmId();
        UUID recipient = (UUID) hub.query("select id from portal_user where email = ?", ORG_ADMIN).get(0).get("id");
        Tenancy tenancy = hub.bean(Tenancy.class);
        // n events of one immediate notification each, stored as the fan-out stores them (each mail queued in the outbox).
        java.util.List<NotificationRepository.NewNotification> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new NotificationRepository.NewNotification(recipient, null, "message.posted", "messages", "standard",
                    "immediate", "message", UUID.randomUUID(), "Benchmark", null));
        }
        int before = smtp.getReceivedMessages().length;
        var queues = hub.bean(org.matterhub.routes.engine.QueueDrainer.class);
        var notifications = hub.bean(NotificationRepository.class);
        long t0 = System.nanoTime();
        tenancy.writeVoid(TenantScope.system(firm), () -> rows.forEach(row ->
                notifications.fanOut(row.subjectType(), row.subjectId(), java.util.List.of(row), true)));
        // The outbox is worked here (and by the hub's own drain timer) until the mail server holds every mail.
        BenchSupport.await("every mail received", Duration.ofSeconds(120), Duration.ofMillis(1), () -> {
            queues.drainOutbox();
            return smtp.getReceivedMessages().length >= before + n;
        });
        double hubSeconds = (System.nanoTime() - t0) / 1e9;
        int sent = smtp.getReceivedMessages().length - before;

        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        Session session = Session.getInstance(props);
        long t1 = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < n; i++) {
                MimeMessage msg = new MimeMessage(session);
                msg.setFrom(new InternetAddress("notifications@matterhub.invalid"));
                msg.setRecipients(jakarta.mail.Message.RecipientType.TO, ORG_ADMIN);
                msg.setSubject("New message on one of your matters");
                msg.setText("There is a new message for you in the client portal.", "UTF-8");
                msg.saveChanges();
                transport.sendMessage(msg, new Address[] {new InternetAddress(ORG_ADMIN)});
            }
        }
        double raw = (System.nanoTime() - t1) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mails", n);
        r.put("sent_by_hub", sent);
        r.put("hub_mails_per_second", BenchSupport.round(sent / hubSeconds, 1));
        r.put("raw_jakarta_mail_per_second", BenchSupport.round(n / raw, 1));
        r.put("ratio", BenchSupport.round(raw / hubSeconds * sent / n, 3));
        return r;
    }
}
