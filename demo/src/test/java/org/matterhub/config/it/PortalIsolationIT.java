package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;

/**
 * What each kind of client user can reach, through the real API over HTTP. Visibility is decided by
 * PostgreSQL row-level security; these tests look at it from the outside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalIsolationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestHub hub;
    Set<UUID> northwind;
    Set<UUID> bluebird;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
        northwind = matterIdsOf("Northwind Holdings Ltd");
        bluebird = matterIdsOf("Bluebird Ventures LLC");
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    Set<UUID> matterIdsOf(String org) {
        Set<UUID> ids = new HashSet<>();
        hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id where o.name = ? "
                + "and m.deleted_at is null", org).forEach(r -> ids.add((UUID) r.get("id")));
        return ids;
    }

    Set<UUID> listed(String token) throws Exception {
        Set<UUID> ids = new HashSet<>();
        for (int offset = 0; ; offset += 200) {
            HttpResponse<String> r = hub.get("/api/v1/matters?limit=200&offset=" + offset, token);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode items = JSON.readTree(r.body()).get("items");
            items.forEach(i -> ids.add(UUID.fromString(i.get("id").asText())));
            if (items.size() < 200) {
                return ids;
            }
        }
    }

    @Test
    void theDemoFirmIsBigEnoughToMeanSomething() {
        assertThat(hub.count("select count(*) from matter where deleted_at is null")).isGreaterThanOrEqualTo(40);
        assertThat(northwind).hasSizeGreaterThan(5);
        assertThat(bluebird).hasSizeGreaterThan(5);
    }

    @Test
    void anOrgAdminSeesEveryMatterOfTheirOrgAndNothingElse() throws Exception {
        String gc = hub.token("gc@northwind.example");
        assertThat(listed(gc)).isEqualTo(northwind);
        for (UUID other : bluebird) {
            HttpResponse<String> r = hub.get("/api/v1/matters/" + other, gc);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
        }
        UUID own = northwind.iterator().next();
        JsonNode view = JSON.readTree(hub.get("/api/v1/matters/" + own, gc).body());
        assertThat(view.get("id").asText()).isEqualTo(own.toString());
        assertThat(view.get("timeline").size()).isGreaterThanOrEqualTo(1);
        assertThat(view.get("clientOrgName").asText()).isEqualTo("Northwind Holdings Ltd");
    }

    @Test
    void aMatterOfAnotherOrgAndAMatterThatNeverExistedAnswerTheSame() throws Exception {
        String gc = hub.token("gc@northwind.example");
        HttpResponse<String> other = hub.get("/api/v1/matters/" + bluebird.iterator().next(), gc);
        HttpResponse<String> none = hub.get("/api/v1/matters/" + UUID.randomUUID(), gc);
        assertThat(other.statusCode()).isEqualTo(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(other.body()).get("title")).isEqualTo(JSON.readTree(none.body()).get("title"));
    }

    @Test
    void aMemberSeesOnlyGrantedMatters() throws Exception {
        String member = hub.token("daniel.okafor@northwind.example");
        Set<UUID> granted = new HashSet<>();
        hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id "
                + "where u.email = 'daniel.okafor@northwind.example' and g.revoked_at is null")
                .forEach(r -> granted.add((UUID) r.get("matter_id")));
        assertThat(granted).isNotEmpty();
        assertThat(listed(member)).isEqualTo(granted);
        for (UUID id : northwind) {
            int expected = granted.contains(id) ? 200 : 404;
            assertThat(hub.get("/api/v1/matters/" + id, member).statusCode()).as("matter %s", id).isEqualTo(expected);
        }
    }

    @Test
    void aFinanceUserReachesNoMatterDetails() throws Exception {
        String finance = hub.token("finance@northwind.example");
        assertThat(listed(finance)).isEmpty();
        for (UUID id : northwind) {
            assertThat(hub.get("/api/v1/matters/" + id, finance).statusCode()).isEqualTo(404);
        }
        JsonNode me = JSON.readTree(hub.get("/api/v1/me", finance).body());
        assertThat(me.get("memberships").get(0).get("role").asText()).isEqualTo("finance");
    }

    @Test
    void clientsCannotUseStaffOrOpsEndpoints() {
        String gc = hub.token("gc@northwind.example");
        UUID org = (UUID) hub.query("select id from client_org where name = 'Northwind Holdings Ltd'").get(0).get("id");
        assertThat(hub.get("/api/v1/staff/client-orgs", gc).statusCode()).isEqualTo(403);
        assertThat(hub.call("POST", "/api/v1/staff/client-orgs/" + org + "/invitations", gc,
                "{\"email\":\"x@northwind.example\",\"displayName\":\"X\",\"role\":\"org_admin\"}", "application/json")
                .statusCode()).isEqualTo(403);
        assertThat(hub.get("/ops/v1/connections", gc).statusCode()).isEqualTo(403);
        assertThat(hub.get("/ops/v1/dead-letters", gc).statusCode()).isEqualTo(403);
    }

    @Test
    void staffInviteGrantAndRevokeAccess() throws Exception {
        String partner = hub.token("schen@harbourlaw.example");
        UUID org = (UUID) hub.query("select id from client_org where name = 'Bluebird Ventures LLC'").get(0).get("id");
        HttpResponse<String> invited = hub.call("POST", "/api/v1/staff/client-orgs/" + org + "/invitations", partner,
                "{\"email\":\"new.member@bluebird.example\",\"displayName\":\"New Member\",\"role\":\"member\"}",
                "application/json");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        UUID userId = UUID.fromString(JSON.readTree(invited.body()).get("id").asText());
        String newcomer = hub.token("new.member@bluebird.example");
        assertThat(listed(newcomer)).isEmpty();

        UUID matter = bluebird.iterator().next();
        HttpResponse<String> granted = hub.call("POST", "/api/v1/staff/users/" + userId + "/grants", partner,
                "{\"matterId\":\"" + matter + "\",\"scopes\":[\"documents\",\"messages\"]}", "application/json");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(listed(newcomer)).containsExactly(matter);

        assertThat(hub.call("DELETE", "/api/v1/staff/users/" + userId + "/grants/" + matter, partner, null, null)
                .statusCode()).isEqualTo(204);
        assertThat(listed(newcomer)).isEmpty();

        HttpResponse<String> revoked = hub.call("POST", "/api/v1/staff/users/" + userId + "/revocation", partner, null, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> after = hub.get("/api/v1/matters", newcomer);
        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(after.body()).get("title").asText()).isEqualTo("Access revoked");
        // Revocation ends access; it deletes nothing.
        assertThat(hub.count("select count(*) from portal_user where email = 'new.member@bluebird.example' "
                + "and status = 'revoked'")).isEqualTo(1);
        assertThat(hub.count("select count(*) from membership m join portal_user u on u.id = m.user_id "
                + "where u.email = 'new.member@bluebird.example'")).isEqualTo(1);
        assertThat(hub.count("select count(*) from audit_event where action in ('user.invited','grant.added','grant.revoked','user.revoked') "
                + "and subject_id in (?, ?)", userId.toString(), matter.toString())).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRevokedDemoMemberIsRefusedAndKeepsTheirData() throws Exception {
        String admin = hub.token("jwhitaker@harbourlaw.example");
        UUID tomasz = (UUID) hub.query("select id from portal_user where email = 'tomasz.w@northwind.example'").get(0).get("id");
        long grantsBefore = hub.count("select count(*) from matter_grant where user_id = ?", tomasz);
        assertThat(hub.call("POST", "/api/v1/staff/users/" + tomasz + "/revocation", admin, null, null).statusCode())
                .isEqualTo(200);
        String token = hub.token("tomasz.w@northwind.example");
        assertThat(hub.get("/api/v1/me", token).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/matters", token).statusCode()).isEqualTo(403);
        assertThat(hub.count("select count(*) from matter_grant where user_id = ?", tomasz)).isEqualTo(grantsBefore);
    }

    @Test
    void staffSeeTheMattersTheyAreResponsibleFor() throws Exception {
        String staff = hub.token("aosei@harbourlaw.example");
        Set<UUID> assigned = new HashSet<>();
        hub.query("select id from matter where deleted_at is null and lower(responsible_attorney_email) = 'aosei@harbourlaw.example'")
                .forEach(r -> assigned.add((UUID) r.get("id")));
        assertThat(assigned).isNotEmpty();
        assertThat(listed(staff)).isEqualTo(assigned);
    }

    @Test
    void partnersSeeEveryMatterOfTheFirm() throws Exception {
        String partner = hub.token("schen@harbourlaw.example");
        Set<UUID> all = listed(partner);
        assertThat(all).containsAll(northwind).containsAll(bluebird);
        List<Map<String, Object>> total = hub.query("select count(*) as n from matter where deleted_at is null");
        assertThat((long) all.size()).isEqualTo(total.get(0).get("n"));
    }
}
