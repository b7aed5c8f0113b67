package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * The hub is killed with SIGKILL mid-backfill (while Clio holds a page request) and mid-outbox-delivery (while Clio
 * holds the answer to a contact PATCH it has already applied: the vendor has the change, the hub has not committed
 * it), restarted on the same database, and the store and the simulator end with no duplicate and no gap. The report
 * (target/chaos-reports/CrashSafetyIT.txt) says what was in flight at each kill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashSafetyIT {

    static final int MATTERS = 1000;
    static final int PEOPLE = 20;
    static final String APP_PASSWORD = "crash-safety";
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedPostgresServer pg;
    ClioSimulator clio;
    JdbcTemplate owner;
    Map<String, String> props;
    final List<Long> people = new ArrayList<>();

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
        long zenith = clio.data().createCompany("Zenith Biotech Inc", "legal@zenith.example", "+1 617 555 0100");
        for (int i = 0; i < PEOPLE; i++) {
            people.add(clio.data().createPerson("Person", "No" + i, "p" + i + "@crash.example", "+1 555 010" + (i % 10),
                    i % 2 == 0 ? acme : zenith));
        }
        for (int i = 0; i < MATTERS; i++) {
            clio.data().createMatter(i % 2 == 0 ? acme : zenith, "Matter " + i, "Open", "Corporate", "Sarah Chen",
                    "schen@firm.example", LocalDate.of(2025, 1, 1).plusDays(i % 300));
        }
        props = new HashMap<>(Map.of(
                "matterhub.clio.client-id", "crash-client",
                "matterhub.clio.client-secret", "crash-secret",
                "matterhub.clio.page-size", "50",
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
    void killedMidBackfillAndMidDeliveryItEndsWithNoDuplicateAndNoGap() throws Exception {
        ChaosReport report = new ChaosReport("CrashSafetyIT").vendor("clio", clio);
        try {
            run(report);
        } finally {
            report.write();
        }
    }

    void run(ChaosReport report) throws Exception {
        UUID firm = UUID.randomUUID();
        // ---- first life: connect, start the backfill, die in the middle of it
        clio.faults().add(FaultRule.builder(FaultKind.LATENCY).method("GET").pathRegex("/matters\\.json").latencyMillis(250).build());
        try (ChildHub first = hub("crash-1").start()) {
            owner.update("insert into firm (id, name, slug) values (?, 'Crash Firm', 'crash-firm')", firm);
            owner.update("insert into portal_user (firm_id, email, display_name, kind, firm_role, status) "
                    + "values (?, 'admin@crashfirm.example', 'Admin', 'firm', 'firm_admin', 'active')", firm);
            var created = first.send("POST", "/api/v1/admin/connections/clio", first.token("admin@crashfirm.example"),
                    "{\"displayName\":\"Clio\",\"baseUrl\":\"" + clio.baseUrl() + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            var callback = first.completeAuthorization(created);
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> backfillPages() >= 4);
            long[] pages = new long[1];
            var held = report.killWhileHolding(first, "1 (backfill)", "clio", clio, "GET", "/matters\\.json\\?.*page_token=",
                    RequestHolds.Phase.BEFORE_APPLY, Duration.ofSeconds(30), h -> pages[0] = backfillPages());
            assertThat(held.query()).as("a backfill page request was in flight").contains("page_token");
            report.kill("1 (backfill)", "clio", held, "backfill pages stored at the kill: " + pages[0]);
        }
        long pagesAtKill = backfillPages();
        assertThat(pagesAtKill).isLessThan(MATTERS / 50);
        assertThat(matterCount()).isLessThan(MATTERS);

        // ---- second life: the backfill resumes where its cursor stands; then it dies mid-delivery
        try (ChildHub second = hub("crash-2").start()) {
            await().atMost(Duration.ofSeconds(120)).until(this::backfillComplete);
            assertThat(matterCount()).isEqualTo(MATTERS);
            assertThat(owner.queryForObject("select count(*) from external_ref where entity_type = 'matter'", Long.class))
                    .isEqualTo(MATTERS);
            long firstPagesFetched = clio.requests().stream().filter(r -> r.path().equals("/api/v4/matters.json")
                    && (r.query() == null || (!r.query().contains("page_token") && !r.query().contains("updated_since")))).count();
            assertThat(firstPagesFetched).as("the backfill resumed instead of starting over").isEqualTo(1);

            linkClientUsers(firm);
            clio.faults().clear();
            clio.faults().add(FaultRule.builder(FaultKind.LATENCY).method("PATCH").pathRegex("/contacts/").latencyMillis(400).build());
            clio.clearRequests();
            for (int i = 0; i < PEOPLE; i++) {
                var r = second.send("PATCH", "/api/v1/me/contact", second.token("p" + i + "@crash.example"),
                        "{\"phone\":\"+1 555 77" + String.format("%02d", i) + "\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clio.requests().stream()
                    .filter(r -> r.method().equals("PATCH")).count() >= 5);
            // The window that matters: Clio applied the PATCH and holds its answer; the hub has not committed it.
            String[] outboxStatus = new String[1];
            var held = report.killWhileHolding(second, "2 (outbox)", "clio", clio, "PATCH", "/contacts/\\d+\\.json(\\?|$)",
                    RequestHolds.Phase.AFTER_APPLY, Duration.ofSeconds(30), h -> {
                        long contact = Long.parseLong(h.path().replaceAll(".*/contacts/(\\d+)\\.json$", "$1"));
                        assertThat(h.status()).as("Clio applied the held PATCH").isEqualTo(200);
                        assertThat(clio.data().contactPatchCount(contact)).as("Clio has the change").isEqualTo(1);
                        outboxStatus[0] = correctionStatus(contact);
                        assertThat(outboxStatus[0]).as("the hub had not committed the delivery").isEqualTo("pending");
                    });
            report.kill("2 (outbox)", "clio", held, "its outbox row was " + outboxStatus[0] + " in the hub");
        }
        long deliveredBeforeKill = owner.queryForObject("select count(*) from outbox where status = 'delivered'", Long.class);
        assertThat(deliveredBeforeKill).isLessThan(PEOPLE);

        // ---- third life: the rest is delivered, nothing twice
        try (ChildHub third = hub("crash-3").start()) {
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    owner.queryForObject("select count(*) from outbox where status = 'delivered'", Long.class) == PEOPLE);
        }
        for (int i = 0; i < PEOPLE; i++) {
            long id = people.get(i);
            assertThat(clio.data().contactPatchCount(id)).as("PATCHes of contact %s", id).isEqualTo(1);
            assertThat(clio.data().contact(id).get("primary_phone_number")).isEqualTo("+1 555 77" + String.format("%02d", i));
        }
        assertThat(owner.queryForObject("select count(*) from dead_letter", Long.class)).isZero();
        assertThat(matterCount()).isEqualTo(MATTERS);
    }

    /** The status of the contact correction outbox row for a Clio contact. */
    String correctionStatus(long clioContact) {
        return owner.queryForObject("""
                select o.status from outbox o join external_ref r on r.local_id = o.aggregate_id
                 where r.entity_type = 'contact' and r.external_id = ? and o.kind = 'contact.correction'""",
                String.class, Long.toString(clioContact));
    }

    long backfillPages() {
        return owner.queryForList("select pages from sync_cursor where entity = 'matter' and mode = 'backfill'", Long.class)
                .stream().findFirst().orElse(0L);
    }

    boolean backfillComplete() {
        return owner.queryForList("select position->>'complete' from sync_cursor where entity = 'matter' and mode = 'backfill'",
                String.class).stream().anyMatch("true"::equals);
    }

    long matterCount() {
        return owner.queryForObject("select count(*) from matter", Long.class);
    }

    void linkClientUsers(UUID firm) {
        for (int i = 0; i < PEOPLE; i++) {
            String externalId = Long.toString(people.get(i));
            owner.update("""
                    insert into portal_user (firm_id, email, display_name, kind, status, contact_id)
                    select ?, ?, ?, 'client', 'active', r.local_id from external_ref r
                     where r.entity_type = 'contact' and r.external_id = ?""", firm, "p" + i + "@crash.example",
                    "Person " + i, externalId);
            owner.update("""
                    insert into membership (firm_id, user_id, client_org_id, role)
                    select u.firm_id, u.id, c.client_org_id, 'member' from portal_user u join contact c on c.id = u.contact_id
                     where u.email = ?""", "p" + i + "@crash.example");
        }
    }
}
