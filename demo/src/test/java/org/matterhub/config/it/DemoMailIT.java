package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.demo.DemoConversations;
import org.matterhub.demo.DemoMailServer;
import org.matterhub.demo.DemoMailbox;
import org.matterhub.demo.DemoMailbox.Mail;
import org.springframework.core.env.Environment;

/**
 * The demo's mail as a newcomer meets it: the demo starts its own mail server (GreenMail, SMTP and IMAP) and points the
 * hub's mail settings at it; the seeded conversations' notifications are in the client's mailbox when the demo is up; a
 * message the partner posts reaches the client by e-mail; the client answers it with the code of
 * {@code ./matterhub reply} ({@link DemoMailbox}), and the answer lands in the thread once, through the hub's IMAP reply
 * route. The mailbox is read with the code of {@code ./matterhub mail}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMailIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The client of the seeded threads, whom the demo's welcome names. */
    static final String CLIENT = DemoConversations.CLIENT;

    TestHub hub;
    DemoMailbox box;

    @BeforeAll
    void start() {
        // The demo's own mail settings, on ports chosen free (parallel test JVMs); replies read every half second.
        hub = TestHub.start(Map.of("matterhub.demo.mail-server", "true", "matterhub.demo.reply-poll-ms", "500"));
        Environment env = hub.bean(Environment.class);
        box = new DemoMailbox(env.getRequiredProperty("matterhub.demo.smtp-port", Integer.class),
                env.getRequiredProperty("matterhub.demo.imap-port", Integer.class));
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    List<Mail> about(String email, String thread) throws Exception {
        List<Mail> found = new ArrayList<>();
        for (Mail m : box.read(email)) {
            if (m.references() != null && m.references().contains(thread)) {
                found.add(m);
            }
        }
        return found;
    }

    @Test
    void aMessageGoesOutByEmailAndTheReplyLandsInTheThreadOnce() throws Exception {
        // The hub sends through the demo's server and takes replies from its reply mailbox.
        Environment env = hub.bean(Environment.class);
        assertThat(env.getProperty("matterhub.mail.smtp-uri")).isEqualTo("smtp://127.0.0.1:"
                + env.getProperty("matterhub.demo.smtp-port"));
        assertThat(env.getProperty("matterhub.mail.reply.imap-uri")).startsWith("imap://127.0.0.1:"
                + env.getProperty("matterhub.demo.imap-port") + "?");

        // The seeds: a thread anchored to a draft agreement, messages from both sides, one from Clio.
        assertThat(hub.query("""
                select t.subject, d.title, count(*) filter (where m.author_kind = 'client') as client,
                       count(*) filter (where m.author_kind = 'staff') as staff,
                       count(*) filter (where m.origin = 'clio') as clio
                  from thread t left join document d on d.id = t.document_id join message m on m.thread_id = t.id
                 group by t.subject, d.title order by t.subject"""))
                .extracting(r -> r.get("subject") + "|" + r.get("title") + "|" + r.get("client") + "|" + r.get("staff")
                        + "|" + r.get("clio"))
                .satisfiesExactly(
                        r -> assertThat(r).isEqualTo("Completion timetable|null|2|1|0"),
                        r -> assertThat(r).isEqualTo("Documents for signing|null|0|1|1"),
                        r -> assertThat(r).startsWith("Questions on the draft|Draft Agreement").endsWith("|1|1|0"));

        // When the demo is up, the seeded messages' notifications are in the client's mailbox already.
        String seeded = hub.query("select id from thread where subject = 'Completion timetable'").get(0).get("id").toString();
        assertThat(about(CLIENT, seeded)).hasSize(1);
        String listing = DemoMailbox.listing(CLIENT, box.read(CLIENT));
        assertThat(listing).contains("  1  ").contains("New message on one of your matters")
                .contains("./matterhub reply " + CLIENT + " N");

        // The partner writes; the client receives it by e-mail, with a reply address for this thread.
        json(hub.call("POST", "/api/v1/threads/" + seeded + "/messages", hub.token("schen@harbourlaw.example"),
                "{\"body\":\"The completion checklist is attached to the matter.\"}", "application/json"), 201);
        await().atMost(Duration.ofSeconds(60)).until(() -> about(CLIENT, seeded).size() == 2);
        Mail note = about(CLIENT, seeded).get(1);
        assertThat(note.replyTo()).startsWith("reply+").endsWith("@" + DemoMailServer.DOMAIN);
        assertThat(DemoMailbox.full(box.get(CLIENT, note.number()))).contains("Reply-To:   " + note.replyTo())
                .contains(note.text());

        // The client answers from the shell; the hub reads the reply mailbox and posts the answer, quotes stripped.
        box.reply(CLIENT, note.number(), "Received, thank you. We will return it signed by Friday.");
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count(
                "select count(*) from inbound_mail where thread_id = ?::uuid", seeded) == 1);
        assertThat(hub.query("select verdict from inbound_mail where thread_id = ?::uuid", seeded))
                .extracting(r -> r.get("verdict")).containsExactly("posted");
        JsonNode items = json(hub.get("/api/v1/threads/" + seeded + "/messages", hub.token(CLIENT)), 200).get("items");
        List<JsonNode> fromEmail = new ArrayList<>();
        items.forEach(m -> {
            if ("email".equals(m.get("origin").asText())) {
                fromEmail.add(m);
            }
        });
        assertThat(fromEmail).hasSize(1);
        assertThat(fromEmail.get(0).get("body").asText()).isEqualTo("Received, thank you. We will return it signed by Friday.");
        assertThat(fromEmail.get(0).get("author").get("you").asBoolean()).isTrue();
        assertThat(items.get(items.size() - 1).get("origin").asText()).isEqualTo("email");
    }
}
