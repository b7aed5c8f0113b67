package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.matterhub.config.support.TestHub;
import org.matterhub.routes.practice.clio.ClioSyncService;
import org.matterhub.simulators.clio.ClioSimulatorData;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Time entries end to end: the demo's Clio activities arrive through the Clio poll (time entries only), the portal
 * shows a matter's entries to clients only once the firm admin enables it and only to those who see the matter's
 * invoices, and a change made in Clio arrives on the next poll. Every API response is validated against openapi.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeEntriesIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NW = "Northwind Holdings Ltd";
    static final String BB = "Bluebird Ventures LLC";
    static final String PARTNER = "schen@harbourlaw.example";
    static final String FIRM_ADMIN = "jwhitaker@harbourlaw.example";

    TestHub hub;
    ClioSimulatorData clio;
    UUID mGranted;       // a Northwind matter Daniel holds with the invoices scope (another member holds it without)
    long clioGranted;    // its Clio id
    UUID mOther;         // a Northwind matter Daniel does not hold
    String member;
    String noInvoices;
    String gc;
    String finance;
    String bbAdmin;
    String partner;
    String admin;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.demo.documents", "false", "matterhub.demo.billing", "false"));
        clio = hub.clio().data();
        UUID nwOrg = (UUID) hub.query("select id from client_org where name = ?", NW).get(0).get("id");
        String daniel = "daniel.okafor@northwind.example";
        mGranted = (UUID) hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id "
                + "where u.email = ? and 'invoices' = any (g.scopes) and g.revoked_at is null order by g.matter_id limit 1",
                daniel).get(0).get("matter_id");
        clioGranted = Long.parseLong((String) hub.query("select external_id from external_ref where system = 'clio' "
                + "and entity_type = 'matter' and local_id = ?", mGranted).get(0).get("external_id"));
        mOther = (UUID) hub.query("select m.id from matter m where m.client_org_id = ? and m.deleted_at is null "
                + "and not exists (select 1 from matter_grant g join portal_user u on u.id = g.user_id "
                + "where g.matter_id = m.id and u.email = ?) order by m.id limit 1", nwOrg, daniel).get(0).get("id");
        String otherMember = email(NW, "member").stream().filter(e -> !e.equals(daniel)).findFirst().orElseThrow();
        system(() -> hub.jdbc().update("""
                insert into matter_grant (firm_id, user_id, matter_id, scopes)
                select ?, u.id, ?, array['documents', 'messages'] from portal_user u where u.email = ?
                on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null
                """, hub.firmId(), mGranted, otherMember));
        member = hub.token(daniel);
        noInvoices = hub.token(otherMember);
        gc = hub.token(email(NW, "org_admin").get(0));
        finance = hub.token(email(NW, "finance").get(0));
        bbAdmin = hub.token(email(BB, "org_admin").get(0));
        partner = hub.token(PARTNER);
        admin = hub.token(FIRM_ADMIN);
        long expected = clio.timeEntryCount();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> hub.count("select count(*) from time_entry where deleted_at is null") == expected);
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            system(() -> hub.jdbc().update("update firm set show_time_entries = false where id = ?", hub.firmId()));
            hub.close();
        }
    }

    @Test
    @Order(1)
    void theDemosClioTimeEntriesArriveAsClioRecordedThemAndExpensesDoNot() throws Exception {
        List<Map<String, Object>> inClio = timeEntriesInClio(clioGranted);
        assertThat(inClio).hasSizeGreaterThanOrEqualTo(2);
        assertThat(clio.matterActivityIds(clioGranted).size()).isGreaterThanOrEqualTo(inClio.size());
        JsonNode list = body(hub.get("/api/v1/matters/" + mGranted + "/time-entries", partner));
        assertThat(list.get("visibleToClients").asBoolean()).isFalse();
        JsonNode items = list.get("items");
        assertThat(items).hasSize(inClio.size());
        for (Map<String, Object> a : inClio) {
            Map<String, Object> row = hub.query("select * from time_entry where external_id = ?", a.get("id").toString()).get(0);
            assertThat(row.get("matter_id")).isEqualTo(mGranted);
            assertThat((BigDecimal) row.get("hours")).isEqualByComparingTo(
                    BigDecimal.valueOf(((Number) a.get("quantity")).longValue()).divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP));
            assertThat(row.get("amount_minor")).isEqualTo(new BigDecimal(a.get("total").toString()).movePointRight(2)
                    .longValueExact());
            // No invoice of the matter names a currency (the demo's billing is off): the documented default applies.
            assertThat(row.get("currency")).isEqualTo("USD");
            assertThat(row.get("description")).isEqualTo(a.get("note"));
            assertThat(row.get("user_name")).isEqualTo(((Map<?, ?>) a.get("user")).get("name"));
            assertThat(row.get("billable")).isEqualTo(!Boolean.TRUE.equals(a.get("non_billable")));
            boolean listed = false;
            for (JsonNode item : items) {
                if (item.get("id").asText().equals(row.get("id").toString())) {
                    listed = true;
                    assertThat(item.get("date").asText()).isEqualTo(a.get("date"));
                    assertThat(new BigDecimal(item.get("hours").asText())).isEqualByComparingTo((BigDecimal) row.get("hours"));
                    assertThat(item.get("amountMinor").asLong()).isEqualTo(row.get("amount_minor"));
                }
            }
            assertThat(listed).as("entry %s listed", a.get("id")).isTrue();
        }
        // Only time entries: the demo's expenses are not in the store at all.
        long expenses = clio.activityCount() - clio.timeEntryCount();
        assertThat(expenses).isPositive();
        assertThat(hub.count("select count(*) from time_entry")).isEqualTo(clio.timeEntryCount());
    }

    @Test
    @Order(2)
    void clientsSeeTimeEntriesOnlyOnceTheFirmShowsThemAndOnlyWithTheMattersInvoices() throws Exception {
        String path = "/api/v1/matters/" + mGranted + "/time-entries";
        // Off by default: to a client, as if there were nothing there.
        assertSameNotFound(hub.get(path, member), hub.get("/api/v1/matters/" + UUID.randomUUID() + "/time-entries", member));
        assertThat(hub.get(path, gc).statusCode()).isEqualTo(404);

        // Only a firm admin changes the setting.
        assertThat(hub.call("PUT", "/api/v1/admin/firm/settings", partner, "{\"showTimeEntries\":true}",
                "application/json").statusCode()).isEqualTo(403);
        assertThat(hub.call("PUT", "/api/v1/admin/firm/settings", member, "{\"showTimeEntries\":true}",
                "application/json").statusCode()).isEqualTo(403);
        assertThat(hub.offContract("the required setting missing", "PUT", "/api/v1/admin/firm/settings", admin, "{}",
                "application/json", java.util.Map.of()).statusCode()).isEqualTo(422);
        assertThat(body(hub.get("/api/v1/admin/firm/settings", admin)).get("showTimeEntries").asBoolean()).isFalse();
        HttpResponse<String> enabled = hub.call("PUT", "/api/v1/admin/firm/settings", admin,
                "{\"showTimeEntries\":true}", "application/json");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(body(enabled).get("showTimeEntries").asBoolean()).isTrue();
        assertThat(hub.count("select count(*) from audit_event where action = 'firm.settings_changed'")).isPositive();

        int inClio = timeEntriesInClio(clioGranted).size();
        JsonNode seen = body(hub.get(path, member));
        assertThat(seen.get("visibleToClients").asBoolean()).isTrue();
        assertThat(seen.get("items")).hasSize(inClio);
        assertThat(body(hub.get(path, gc)).get("items")).hasSize(inClio);
        assertThat(hub.count("select count(*) from audit_event where action = 'matter.time_entries_viewed' "
                + "and subject_id = ? and actor_kind = 'client'", mGranted.toString())).isGreaterThanOrEqualTo(2);

        // A member holding the matter without the invoices scope: the section is empty, like their other ungranted ones.
        assertThat(body(hub.get(path, noInvoices)).get("items")).isEmpty();
        // Another org's client, a finance user (who sees no matter), a matter the member does not hold, a bad id: 404.
        assertSameNotFound(hub.get(path, bbAdmin), hub.get("/api/v1/matters/" + UUID.randomUUID() + "/time-entries", bbAdmin));
        assertThat(hub.get(path, finance).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/matters/" + mOther + "/time-entries", member).statusCode()).isEqualTo(404);
        // A matter id that is not a UUID breaks the contract: refused at the edge (400), before any lookup.
        assertThat(hub.offContract("a matter id that is not a UUID", "GET", "/api/v1/matters/not-a-uuid/time-entries",
                member, null, null, java.util.Map.of()).statusCode()).isEqualTo(400);
        // And row-level security holds without the API: the Bluebird admin reads no Northwind entry at all.
        UUID bbAdminId = (UUID) hub.query("select u.id from portal_user u join membership m on m.user_id = u.id "
                + "join client_org o on o.id = m.client_org_id where o.name = ? and m.role = 'org_admin' order by u.email limit 1",
                BB).get(0).get("id");
        long leaked = hub.bean(Tenancy.class).read(TenantScope.client(hub.firmId(), bbAdminId), () -> hub.jdbc()
                .queryForObject("select count(*) from time_entry where matter_id = ?", Long.class, mGranted));
        assertThat(leaked).isZero();

        // Switched off again, clients lose them at once.
        assertThat(hub.call("PUT", "/api/v1/admin/firm/settings", admin, "{\"showTimeEntries\":false}",
                "application/json").statusCode()).isEqualTo(200);
        assertThat(hub.get(path, member).statusCode()).isEqualTo(404);
        assertThat(body(hub.get(path, partner)).get("items")).hasSize(inClio);
    }

    @Test
    @Order(3)
    void aTimeEntryChangedInClioArrivesOnTheNextPollAndADeletedOneLeavesOnReconciliation() throws Exception {
        long changed = (Long) timeEntriesInClio(clioGranted).get(0).get("id");
        clio.updateTimeEntry(changed, 5400, "Corrected after client call");
        clio.markActivityBilled(changed);
        long changedMinor = new BigDecimal(clio.activity(changed).get("total").toString()).movePointRight(2).longValueExact();
        long added = clio.createTimeEntry(clioGranted, "Sarah Chen", LocalDate.now(ZoneOffset.UTC), 1800,
                new BigDecimal("350.00"), "Added in Clio", false);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                hub.count("select count(*) from time_entry where external_id = ? and hours = 1.5 and billed "
                        + "and description = 'Corrected after client call' and amount_minor = ?", Long.toString(changed), changedMinor) == 1
                        && hub.count("select count(*) from time_entry where external_id = ?", Long.toString(added)) == 1);
        JsonNode items = body(hub.get("/api/v1/matters/" + mGranted + "/time-entries", partner)).get("items");
        assertThat(items).anySatisfy(i -> {
            assertThat(i.get("description").asText()).isEqualTo("Added in Clio");
            assertThat(i.get("hours").asText()).isEqualTo("0.5");
            assertThat(i.get("amountMinor").asLong()).isEqualTo(17_500);
        });
        assertThat(items).anySatisfy(i -> {
            assertThat(i.get("description").asText()).isEqualTo("Corrected after client call");
            assertThat(i.get("billed").asBoolean()).isTrue();
        });

        // Clio announces no deletion to a poll; the reconciliation finds it.
        clio.deleteActivity(added);
        hub.bean(ClioSyncService.class).reconcileAll();
        assertThat(hub.count("select count(*) from time_entry where external_id = ? and deleted_at is not null",
                Long.toString(added))).isEqualTo(1);
        assertThat(body(hub.get("/api/v1/matters/" + mGranted + "/time-entries", partner)).get("items"))
                .noneSatisfy(i -> assertThat(i.get("description").asText()).isEqualTo("Added in Clio"));
    }

    // ------------------------------------------------------------------ helpers

    List<Map<String, Object>> timeEntriesInClio(long clioMatter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Long id : clio.matterActivityIds(clioMatter)) {
            Map<String, Object> a = clio.activity(id);
            if ("TimeEntry".equals(a.get("type"))) {
                out.add(a);
            }
        }
        return out;
    }

    static void assertSameNotFound(HttpResponse<String> hidden, HttpResponse<String> unknown) throws Exception {
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode a = JSON.readTree(hidden.body());
        JsonNode b = JSON.readTree(unknown.body());
        assertThat(a.get("title")).isEqualTo(b.get("title"));
        assertThat(a.get("type")).isEqualTo(b.get("type"));
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    List<String> email(String org, String role) {
        List<String> out = new ArrayList<>();
        hub.query("select u.email from membership m join portal_user u on u.id = m.user_id join client_org o on o.id = m.client_org_id "
                + "where o.name = ? and m.role = ? and m.revoked_at is null order by u.email", org, role)
                .forEach(r -> out.add((String) r.get("email")));
        return out;
    }

    <T> T system(Supplier<T> work) {
        return hub.bean(Tenancy.class).write(TenantScope.system(hub.firmId()), work);
    }
}
