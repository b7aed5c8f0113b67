package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ContactRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The writes a client's own transaction may make, attacked as that client through the application's own DataSource
 * (the same Hikari pool, role and per-transaction settings the portal uses): each attack is refused by PostgreSQL with
 * 42501 (insufficient_privilege: a row-level security WITH CHECK, a guard trigger, or a missing privilege), and the
 * portal's own path through the same repositories still works. Also: SECURITY DEFINER functions cannot be steered
 * through search_path, and nobody but the roles that need them may execute the mh_* functions.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientWritesIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired Tenancy tenancy;
    @Autowired StoreEndpoint endpoint;
    @Autowired ContactRepository contacts;
    @Autowired OutboxRepository outbox;
    @Autowired AuditLog audit;

    final UUID firm = UUID.randomUUID();
    final UUID otherFirm = UUID.randomUUID();
    final UUID clio = UUID.randomUUID();          // the firm's practice-management connection
    final UUID otherFirmsClio = UUID.randomUUID();
    final UUID org = UUID.randomUUID();
    final UUID otherOrg = UUID.randomUUID();
    final UUID user = UUID.randomUUID();          // the attacking client, org admin of `org`
    final UUID otherUser = UUID.randomUUID();     // a client of `otherOrg`
    final UUID contact = UUID.randomUUID();
    final UUID otherContact = UUID.randomUUID();
    final UUID matter = UUID.randomUUID();
    final UUID otherMatter = UUID.randomUUID();
    final UUID document = UUID.randomUUID();      // published on the user's matter
    final UUID otherDocument = UUID.randomUUID(); // published on the other org's matter

    @BeforeAll
    void seed() throws SQLException {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            for (UUID f : List.of(firm, otherFirm)) {
                s.execute("insert into firm (id, name, slug) values ('" + f + "', 'Firm', 'cw-" + f.toString().substring(0, 8) + "')");
                s.execute("insert into connection (id, firm_id, vendor, display_name, base_url, status) values ('"
                        + (f.equals(firm) ? clio : otherFirmsClio) + "', '" + f + "', 'clio', 'Clio', 'http://127.0.0.1', 'active')");
            }
            String f = "'" + firm + "'";
            for (Object[] o : new Object[][] {{org, user, contact, matter, document}, {otherOrg, otherUser, otherContact, otherMatter,
                    otherDocument}}) {
                s.execute("insert into client_org (id, firm_id, name) values ('" + o[0] + "', " + f + ", 'Org')");
                s.execute("insert into contact (id, firm_id, client_org_id, source_connection_id, kind, name, email) values ('"
                        + o[2] + "', " + f + ", '" + o[0] + "', '" + clio + "', 'person', 'Person', 'p-" + o[2] + "@cw.example')");
                s.execute("insert into portal_user (id, firm_id, email, display_name, kind, status, contact_id) values ('" + o[1]
                        + "', " + f + ", 'u-" + o[1] + "@cw.example', 'U', 'client', 'active', '" + o[2] + "')");
                s.execute("insert into membership (firm_id, user_id, client_org_id, role) values (" + f + ", '" + o[1] + "', '"
                        + o[0] + "', 'org_admin')");
                s.execute("insert into matter (id, firm_id, client_org_id, source_connection_id, display_number, status) values ('"
                        + o[3] + "', " + f + ", '" + o[0] + "', '" + clio + "', 'CW', 'open')");
                s.execute("insert into document (id, firm_id, matter_id, title, state) values ('" + o[4] + "', " + f + ", '" + o[3]
                        + "', 'Doc', 'published')");
            }
        }
    }

    <T> T asClient(Supplier<T> work) {
        return tenancy.write(TenantScope.client(firm, user), work);
    }

    void asClientVoid(String sql, Object... args) {
        asClient(() -> jdbc.update(sql, args));
    }

    Map<String, Object> contactRow(UUID id) {
        return tenancy.read(TenantScope.system(firm), () -> jdbc.queryForMap("select * from contact where id = ?", id));
    }

    // ------------------------------------------------------------------ contact

    @Test
    void aClientCorrectsOnlyTheContactDetailsOfItsOwnLiveContact() {
        assertThat(asClient(() -> contacts.applyCorrection(contact, "new@cw.example", "+44 20 0000", null))).isEqualTo(1);
        assertThat(contactRow(contact)).containsEntry("email", "new@cw.example");

        String guard = "a client may change only the e-mail, phone and address of its own contact";
        SqlRefusal.assertRefused(() -> asClientVoid("update contact set client_org_id = ? where id = ?", otherOrg, contact),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, guard);
        SqlRefusal.assertRefused(() -> asClientVoid("update contact set source_connection_id = null where id = ?", contact),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, guard);
        SqlRefusal.assertRefused(() -> asClientVoid("update contact set deleted_at = now() where id = ?", contact),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, guard);
        SqlRefusal.assertRefused(() -> asClientVoid("update contact set name = 'Someone else' where id = ?", contact),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, guard);
        SqlRefusal.assertRefused(() -> asClientVoid("update contact set id = ? where id = ?", UUID.randomUUID(), contact),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, guard);
        assertThat(contactRow(contact)).containsEntry("client_org_id", org).containsEntry("source_connection_id", clio)
                .containsEntry("deleted_at", null).containsEntry("name", "Person");

        // Another person's contact is not the caller's to update at all, nor is the caller's own once deleted.
        assertThat(asClient(() -> contacts.applyCorrection(otherContact, "x@cw.example", null, null))).isZero();
        assertThat(contactRow(otherContact)).containsEntry("email", "p-" + otherContact + "@cw.example");
        tenancy.writeVoid(TenantScope.system(firm), () -> jdbc.update("update contact set deleted_at = now() where id = ?", contact));
        try {
            assertThat(asClient(() -> contacts.applyCorrection(contact, "late@cw.example", null, null))).isZero();
        } finally {
            tenancy.writeVoid(TenantScope.system(firm), () -> jdbc.update("update contact set deleted_at = null where id = ?", contact));
        }
    }

    // ------------------------------------------------------------------ outbox

    static final String INSERT_OUTBOX = "insert into outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, "
            + "idempotency_key, status, attempts) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";

    void enqueueRaw(UUID connection, String kind, String type, UUID aggregate, String payload, String status, int attempts) {
        asClientVoid(INSERT_OUTBOX, firm, connection, kind, type, aggregate, payload, kind + ":" + UUID.randomUUID(), status,
                attempts);
    }

    @Test
    void aClientQueuesOnlyItsOwnCorrectionsAndDocumentAnswersToTheirSystemsOfRecord() {
        long before = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject("select count(*) from outbox", Long.class));
        // The portal's own paths.
        asClient(() -> outbox.enqueue(clio, "contact.correction", "contact", contact, "{\"contactId\":\"" + contact + "\"}"));
        asClient(() -> outbox.enqueue(clio, "document.action", "document", document,
                "{\"documentId\":\"" + document + "\",\"userId\":\"" + user + "\"}"));

        String mine = "{\"contactId\":\"" + contact + "\"}";
        // A kind a client never writes: a payment to the accounting system, a matter change, anything.
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "payment.post", "payment_posting", UUID.randomUUID(),
                "{\"postingId\":\"x\"}", "pending", 0), "outbox");
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "matter.update", "matter", matter, "{}", "pending", 0), "outbox");
        // Someone else's contact, or its own correction under another contact's id in the payload.
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "contact.correction", "contact", otherContact,
                "{\"contactId\":\"" + otherContact + "\"}", "pending", 0), "outbox");
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "contact.correction", "contact", contact,
                "{\"contactId\":\"" + otherContact + "\"}", "pending", 0), "outbox");
        // Another firm's connection (a foreign key check does not apply row-level security).
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(otherFirmsClio, "contact.correction", "contact", contact, mine,
                "pending", 0), "outbox");
        // A row that claims to be delivered already, or retried.
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "contact.correction", "contact", contact, mine, "delivered", 0),
                "outbox");
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "contact.correction", "contact", contact, mine, "pending", 3),
                "outbox");
        // A document of another organisation, or an answer in another user's name, or an upload it did not make.
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "document.action", "document", otherDocument,
                "{\"documentId\":\"" + otherDocument + "\",\"userId\":\"" + user + "\"}", "pending", 0), "outbox");
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "document.action", "document", document,
                "{\"documentId\":\"" + document + "\",\"userId\":\"" + otherUser + "\"}", "pending", 0), "outbox");
        SqlRefusal.assertPolicyRefuses(() -> enqueueRaw(clio, "document.upload", "document", document,
                "{\"documentId\":\"" + document + "\",\"uploadedBy\":\"" + user + "\"}", "pending", 0), "outbox");
        // And another firm's row outright.
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_OUTBOX, otherFirm, otherFirmsClio, "contact.correction", "contact",
                contact, mine, "contact.correction:" + UUID.randomUUID(), "pending", 0), "outbox");

        long after = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject("select count(*) from outbox", Long.class));
        assertThat(after).isEqualTo(before + 2);
    }

    // ------------------------------------------------------------------ audit

    static final String INSERT_AUDIT = "insert into audit_event (firm_id, actor_user_id, actor_kind, action, subject_type, "
            + "occurred_at) values (?, ?, ?, 'grant.revoked', 'matter', coalesce(?::timestamptz, now()))";

    @Test
    void aClientAuditsOnlyAsItselfAndNow() {
        long before = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject("select count(*) from audit_event", Long.class));
        asClient(() -> {
            audit.record("contact.corrected", "contact", contact.toString(), Map.of("fields", List.of("email")));
            return null;
        });
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_AUDIT, firm, user, "system", null), "audit_event");
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_AUDIT, firm, user, "staff", null), "audit_event");
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_AUDIT, firm, otherUser, "client", null), "audit_event");
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_AUDIT, firm, null, "client", null), "audit_event");
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_AUDIT, firm, user, "client", "2020-01-01T00:00:00Z"), "audit_event");
        SqlRefusal.assertPolicyRefuses(() -> asClientVoid(INSERT_AUDIT, otherFirm, user, "client", null), "audit_event");
        long after = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject("select count(*) from audit_event", Long.class));
        assertThat(after).isEqualTo(before + 1);
        assertThat(tenancy.read(TenantScope.system(firm), audit::verifyChain)).isTrue();
    }

    // ------------------------------------------------------------------ functions and temporary tables

    /**
     * A temporary table named like a table a SECURITY DEFINER function reads would shadow it, pg_temp being searched
     * first unless named last. The application role can create none, in any scope or none.
     */
    @Test
    void theApplicationRoleCannotCreateATemporaryTableToShadowOne() {
        String denied = "permission denied to create temporary tables in database";
        SqlRefusal.assertRefused(() -> asClientVoid("create temporary table portal_user (id uuid, firm_id uuid, email text)"),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, denied);
        SqlRefusal.assertRefused(() -> tenancy.writeVoid(TenantScope.system(firm),
                () -> jdbc.execute("create temp table connection (id uuid, firm_id uuid)")), SqlRefusal.INSUFFICIENT_PRIVILEGE, denied);
        SqlRefusal.assertRefused(() -> jdbc.execute("create temp table outbox (id bigint)"), SqlRefusal.INSUFFICIENT_PRIVILEGE, denied);
        assertThat(jdbc.queryForObject("select has_database_privilege(current_user, current_database(), 'TEMP')", Boolean.class))
                .isFalse();
    }

    @Test
    void everySecurityDefinerFunctionPinsItsSearchPathWithPgTempLast() {
        List<Map<String, Object>> definers = jdbc.queryForList("""
                select p.oid::regprocedure::text as fn, coalesce(array_to_string(p.proconfig, ';'), '') as config
                  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where p.prosecdef and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'""");
        assertThat(definers).extracting(r -> r.get("fn").toString().replaceAll("\\(.*", ""))
                .contains("mh_principal_by_identity", "mh_bind_identity", "mh_connection_firm", "mh_connections", "mh_due_work",
                        "mh_audit_chain", "mh_notification_recipient")
                .doesNotContain("mh_principal", "mh_mark_signed_in");
        assertThat(definers).allSatisfy(r -> assertThat((String) r.get("config")).as("%s", r.get("fn"))
                .contains("search_path=pg_catalog, public, pg_temp").doesNotContain("pg_temp,"));
    }

    @Test
    void noMhFunctionIsExecutableByPublicAndTriggerFunctionsByNobodyButTheirOwner() {
        List<Map<String, Object>> functions = jdbc.queryForList("""
                select p.oid::regprocedure::text as fn, p.prorettype = 'trigger'::regtype as is_trigger,
                       p.proacl is not null and not exists (select 1 from aclexplode(p.proacl) a
                                                             where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public_revoked,
                       has_function_privilege(current_user, p.oid, 'EXECUTE') as app_may_execute
                  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where p.proname like 'mh\\_%' and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'""");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(20);
        // Called only from trigger functions (running as the owner): the application must not raise events itself, or a
        // client's session could announce anything about any subject of its firm (V27).
        java.util.Set<String> ownerOnly = java.util.Set.of("mh_raise_event");
        assertThat(functions).extracting(r -> r.get("fn").toString().replaceAll("\\(.*", "")).containsAll(ownerOnly);
        assertThat(functions).allSatisfy(r -> {
            assertThat(r.get("public_revoked")).as("PUBLIC may not execute %s", r.get("fn")).isEqualTo(true);
            boolean internal = Boolean.TRUE.equals(r.get("is_trigger"))
                    || ownerOnly.contains(r.get("fn").toString().replaceAll("\\(.*", ""));
            assertThat(r.get("app_may_execute")).as("the application role and %s", r.get("fn")).isEqualTo(!internal);
        });
    }
}
