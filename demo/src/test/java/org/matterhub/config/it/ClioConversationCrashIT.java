package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.ChaosReport;
import org.matterhub.config.support.ChildHub;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.clio.ClioSimulatorOptions;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RequestHolds;
import org.matterhub.store.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The conversation mirror survives SIGKILL: the hub dies while Clio holds the answer to a message it has already
 * stored (the vendor has the message, the hub has not committed the delivery), and again while Clio holds an inbound
 * poll of staff messages. Afterwards every portal message is in Clio exactly once and every Clio message in the portal
 * thread exactly once. The report (target/chaos-reports/ClioConversationCrashIT.txt) says what was in flight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClioConversationCrashIT {

    static final String APP_PASSWORD = "conversation-crash";
    static final int PORTAL_MESSAGES = 12;
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedPostgresServer pg;
    ClioSimulator clio;
    JdbcTemplate owner;
    Map<String, String> props;
    long person;
    long clioMatter;

    @BeforeAll
    void setUp() throws SQLException {
        pg = EmbeddedPostgresServer.obtain(null, 0);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.ownerUser(), "");
        owner = new JdbcTemplate(new SingleConnectionDataSource(c, true));
        owner.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'matterhub_app') then "
                + "create role matterhub_app login password '" + APP_PASSWORD + "'; end if; end $$");
        clio = ClioSimulator.start(ClioSimulatorOptions.builder().webhookInitialBackoff(Duration.ofMillis(20)).build());
        clio.registerApp("crash-client", "crash-secret");
        long acme = clio.data().createCompany("Acme Freight Ltd", "legal@acme.example", "+44 20 7946 0000");
        person = clio.data().createPerson("Ada", "Client", "ada@acme.example", "+44 20 7946 0001", acme);
        clioMatter = clio.data().createMatter(acme, "Share purchase", "Open", "Corporate", "Sarah Chen",
                "schen@firm.example", LocalDate.of(2026, 1, 5));
        props = new HashMap<>(Map.of(
                "matterhub.clio.client-id", "crash-client",
                "matterhub.clio.client-secret", "crash-secret",
                "matterhub.clio.poll-interval-ms", "500",
                "matterhub.clio.webhook-check-interval-ms", "600000",
                "matterhub.engine.queue-poll-ms", "100",
                "matterhub.store.master-key", "q83vEjRWeJ/JsXEhIjNEVWZ3iJmqu8zd7v8AESIzRFU="));
    }

    @AfterAll
    void tearDown() {
        clio.close();
        EmbeddedPostgresServer.release(pg);
    }

    ChildHub hub(String name) {
        return new ChildHub(pg.jdbcUrl(), pg.ownerUser(), APP_PASSWORD, props, ChildHub.logFile(name).toPath());
    }

    @Test
    void killedMidDeliveryAndMidPollEveryMessageIsOnBothSidesOnce() throws Exception {
        ChaosReport report = new ChaosReport("ClioConversationCrashIT").vendor("clio", clio);
        try {
            run(report);
        } finally {
            report.write();
        }
    }

    void run(ChaosReport report) throws Exception {
        UUID firm = UUID.randomUUID();
        String thread;
        // ---- first life: connect, the client writes, the hub dies while Clio holds the answer to a stored message
        try (ChildHub first = hub("conversation-crash-1").start()) {
            owner.update("insert into firm (id, name, slug) values (?, 'Crash Firm', 'crash-firm')", firm);
            owner.update("insert into portal_user (firm_id, email, display_name, kind, firm_role, status) "
                    + "values (?, 'admin@crashfirm.example', 'Admin', 'firm', 'firm_admin', 'active')", firm);
            var created = first.send("POST", "/api/v1/admin/connections/clio", first.token("admin@crashfirm.example"),
                    "{\"displayName\":\"Clio\",\"baseUrl\":\"" + clio.baseUrl() + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(first.completeAuthorization(created).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> owner.queryForObject(
                    "select count(*) from external_ref where entity_type = 'matter' and external_id = ?", Long.class,
                    Long.toString(clioMatter)) == 1);
            linkClient(firm);
            String token = first.token("ada@acme.example");
            UUID matter = owner.queryForObject("select local_id from external_ref where entity_type = 'matter' "
                    + "and external_id = ?", UUID.class, Long.toString(clioMatter));
            clio.faults().add(FaultRule.builder(FaultKind.LATENCY).method("POST").pathRegex("/conversation_messages\\.json")
                    .latencyMillis(300).build());
            var started = first.send("POST", "/api/v1/matters/" + matter + "/threads", token,
                    "{\"subject\":\"Completion\",\"body\":\"Message 0\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            thread = JSON.readTree(started.body()).get("id").asText();
            for (int i = 1; i < PORTAL_MESSAGES; i++) {
                var posted = first.send("POST", "/api/v1/threads/" + thread + "/messages", token,
                        "{\"body\":\"Message " + i + "\"}");
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered() >= 2);
            long[] pending = new long[1];
            var held = report.killWhileHolding(first, "1 (outbox)", "clio", clio, "POST", "/conversation_messages\\.json",
                    RequestHolds.Phase.AFTER_APPLY, Duration.ofSeconds(30), h -> {
                        assertThat(h.status()).as("Clio stored the held message").isEqualTo(201);
                        pending[0] = PORTAL_MESSAGES - delivered();
                    });
            report.kill("1 (outbox)", "clio", held, "mirror deliveries not committed at the kill: " + pending[0]);
            assertThat(pending[0]).isPositive();
        }
        long conversation = clio.conversations().conversationIds(clioMatter).get(0);

        // ---- second life: the rest is delivered; staff write in Clio; the hub dies while Clio holds the poll
        try (ChildHub second = hub("conversation-crash-2").start()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> delivered() == PORTAL_MESSAGES);
            clio.conversations().postMessage(conversation, "Sarah Chen", "Staff message A");
            clio.conversations().postMessage(conversation, "Sarah Chen", "Staff message B");
            var held = report.killWhileHolding(second, "2 (inbound poll)", "clio", clio, "GET",
                    "/conversation_messages\\.json", RequestHolds.Phase.BEFORE_APPLY, Duration.ofSeconds(30), h -> { });
            report.kill("2 (inbound poll)", "clio", held, "staff messages in the portal at the kill: " + fromClio());
        }

        // ---- third life: the staff messages land, nothing twice
        try (ChildHub third = hub("conversation-crash-3").start()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> fromClio() == 2);
            long polls = conversationPolls();
            await().atMost(Duration.ofSeconds(60)).until(() -> conversationPolls() >= polls + 3);
        }
        for (int i = 0; i < PORTAL_MESSAGES; i++) {
            UUID id = owner.queryForObject("select id from message where body = ?", UUID.class, "Message " + i);
            assertThat(clio.conversations().messagesContaining("[portal:" + id + "]")).as("message %s in Clio", i).hasSize(1);
        }
        assertThat(clio.conversations().conversationIds(clioMatter)).as("one conversation for the thread").hasSize(1);
        assertThat(clio.conversations().messageCount(conversation)).isEqualTo(PORTAL_MESSAGES + 2);
        assertThat(owner.queryForList("select body from message where thread_id = ?::uuid and origin = 'clio' order by created_at",
                String.class, thread)).containsExactly("Staff message A", "Staff message B");
        assertThat(owner.queryForObject("select count(*) from message where thread_id = ?::uuid", Long.class, thread))
                .isEqualTo(PORTAL_MESSAGES + 2);
        assertThat(owner.queryForObject("select count(*) from dead_letter", Long.class)).isZero();
    }

    long delivered() {
        return owner.queryForObject("select count(*) from outbox where kind = 'message.mirror' and status = 'delivered'",
                Long.class);
    }

    long fromClio() {
        return owner.queryForObject("select count(*) from message where origin = 'clio'", Long.class);
    }

    long conversationPolls() {
        return clio.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals("/api/v4/conversations.json"))
                .count();
    }

    void linkClient(UUID firm) {
        owner.update("""
                insert into portal_user (firm_id, email, display_name, kind, status, contact_id)
                select ?, 'ada@acme.example', 'Ada Client', 'client', 'active', r.local_id from external_ref r
                 where r.entity_type = 'contact' and r.external_id = ?""", firm, Long.toString(person));
        owner.update("""
                insert into membership (firm_id, user_id, client_org_id, role)
                select u.firm_id, u.id, c.client_org_id, 'org_admin' from portal_user u join contact c on c.id = u.contact_id
                 where u.email = 'ada@acme.example'""");
    }
}
