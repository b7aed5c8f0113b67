package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.security.EmbeddedIssuer;

/**
 * Org admins manage their own organisation, through the real API over HTTP against the embedded PostgreSQL, and the
 * invitation e-mails reach the real mail server (GreenMail's SMTP) once, through the outbox. Northwind's general
 * counsel is the org admin under test; Bluebird is the other organisation of the same firm, whose rows must not move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgAdminIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DOMAIN = "portal.harbourlaw.example";
    static final String ADMIN = "gc@northwind.example";
    static final String OTHER_ADMIN = "gc@bluebird.example";
    static final Pattern LINK = Pattern.compile("https?://\\S+/portal/sign-in\\?login_hint=[^\\s\"<]+");

    GreenMail mail;
    TestHub hub;
    String admin;
    UUID northwind;
    UUID bluebird;

    @BeforeAll
    void start() {
        mail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}));
        mail.start();
        hub = TestHub.start(Map.of("matterhub.mail.enabled", "true",
                "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "matterhub.mail.from-address", "notifications@" + DOMAIN,
                "matterhub.mail.domain", DOMAIN));
        admin = hub.token(ADMIN);
        northwind = org("Northwind Holdings Ltd");
        bluebird = org("Bluebird Ventures LLC");
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    UUID org(String name) {
        return (UUID) hub.query("select id from client_org where name = ?", name).get(0).get("id");
    }

    String staffToken(String email) {
        return hub.bean(EmbeddedIssuer.class).mint(email, Duration.ofHours(1), Map.of("amr", List.of("pwd", "mfa")));
    }

    /** The membership id (the person inside the org) of {@code email} in {@code org}. */
    UUID person(String email, UUID org) {
        return (UUID) hub.query("select m.id from membership m join portal_user u on u.id = m.user_id where u.email = ? "
                + "and m.client_org_id = ? and m.revoked_at is null", email, org).get(0).get("id");
    }

    String someone(UUID org, String role) {
        return (String) hub.query("select u.email from membership m join portal_user u on u.id = m.user_id "
                + "where m.client_org_id = ? and m.role = ? and m.revoked_at is null order by u.email limit 1", org, role)
                .get(0).get("email");
    }

    List<UUID> matters(UUID org) {
        return hub.query("select id from matter where client_org_id = ? and deleted_at is null order by display_number", org)
                .stream().map(r -> (UUID) r.get("id")).toList();
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    HttpResponse<String> invite(String token, String email, String name, String role, UUID orgId) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("displayName", name).put("role", role);
        if (orgId != null) {
            body.put("clientOrgId", orgId.toString());
        }
        return hub.call("POST", "/api/v1/org/invitations", token, body.toString(), "application/json");
    }

    HttpResponse<String> grant(String token, UUID person, UUID matter, String... scopes) {
        ObjectNode body = JSON.createObjectNode();
        var array = body.putArray("scopes");
        for (String s : scopes) {
            array.add(s);
        }
        return hub.call("PUT", "/api/v1/org/people/" + person + "/grants/" + matter, token, body.toString(), "application/json");
    }

    /** The invitation mails {@code to} has received. */
    List<MimeMessage> invitations(String to) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            String loop = m.getHeader("X-Matterhub-Notification", ",");
            if (loop != null && loop.startsWith("invitation-")
                    && ((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(to)) {
                found.add(m);
            }
        }
        return found;
    }

    /** How many invitation mails anyone has received, once every queued one has been worked. */
    long allInvitationMails() throws Exception {
        invitationsOnceSent("nobody@elsewhere.example");
        long n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            String loop = m.getHeader("X-Matterhub-Notification", ",");
            n += loop != null && loop.startsWith("invitation-") ? 1 : 0;
        }
        return n;
    }

    /** Waits until every queued invitation mail has been worked, then answers the mails {@code to} received. */
    List<MimeMessage> invitationsOnceSent(String to) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count(
                "select count(*) from outbox where kind = 'invitation.mail' and status = 'pending'") == 0);
        return invitations(to);
    }

    @Test
    void anOrgAdminInvitesGrantsRevokesAndRemovesAColleagueWhoSignsInFromTheMail() throws Exception {
        String email = "new.colleague@northwind.example";
        JsonNode invited = json(invite(admin, email, "New Colleague", "member", null), 201);
        assertThat(invited.get("email").asText()).isEqualTo(email);
        assertThat(invited.get("clientOrgId").asText()).isEqualTo(northwind.toString());
        UUID personId = UUID.fromString(invited.get("id").asText());
        assertThat(personId).isEqualTo(person(email, northwind));

        JsonNode people = json(hub.get("/api/v1/org/people", admin), 200).get("items");
        Set<String> emails = new HashSet<>();
        people.forEach(p -> emails.add(p.get("email").asText()));
        assertThat(emails).contains(ADMIN, email).noneMatch(e -> e.endsWith("@bluebird.example"));
        assertThat(people).allSatisfy(p -> assertThat(p.get("clientOrgId").asText()).isEqualTo(northwind.toString()));

        // The invitation e-mail arrives once, with a sign-in link naming the address; signing in as that address works.
        List<MimeMessage> mails = invitationsOnceSent(email);
        assertThat(mails).hasSize(1);
        MimeMessage m = mails.get(0);
        String text = GreenMailUtil.getBody(m);
        assertThat(m.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(m.getSubject()).contains("client portal");
        assertThat(text).doesNotContain("Northwind").doesNotContain("matter");
        String whole = GreenMailUtil.getWholeMessage(m).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = LINK.matcher(whole);
        assertThat(link.find()).as(whole).isTrue();
        URI signIn = URI.create(link.group());
        assertThat(signIn.toString()).startsWith(hub.baseUrl());
        String hint = URLDecoder.decode(signIn.getRawQuery().substring("login_hint=".length()), StandardCharsets.UTF_8);
        assertThat(hint).isEqualTo(email);
        String colleague = hub.token(hint);
        JsonNode me = json(hub.get("/api/v1/me", colleague), 200);
        assertThat(me.get("memberships")).anySatisfy(ms -> {
            assertThat(ms.get("clientOrgId").asText()).isEqualTo(northwind.toString());
            assertThat(ms.get("role").asText()).isEqualTo("member");
        });
        assertThat(json(hub.get("/api/v1/matters", colleague), 200).get("items")).isEmpty();

        // A grant of one Northwind matter: the colleague sees exactly it; the scopes are stored as given.
        UUID matter = matters(northwind).get(0);
        JsonNode granted = json(grant(admin, personId, matter, "messages", "documents", "documents"), 200);
        assertThat(granted.get("scopes").toString()).isEqualTo("[\"documents\",\"messages\"]");
        JsonNode listed = json(hub.get("/api/v1/matters", colleague), 200).get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(matter.toString());
        JsonNode one = json(hub.get("/api/v1/org/people/" + personId, admin), 200);
        assertThat(one.get("grants").get(0).get("matterId").asText()).isEqualTo(matter.toString());

        // Revoked: the matter is gone at once; a second revocation finds nothing.
        json(hub.call("DELETE", "/api/v1/org/people/" + personId + "/grants/" + matter, admin, null, null), 204);
        assertThat(json(hub.get("/api/v1/matters", colleague), 200).get("items")).isEmpty();
        json(hub.call("DELETE", "/api/v1/org/people/" + personId + "/grants/" + matter, admin, null, null), 404);

        // Removed: no longer a person of the org, and their grants end with it.
        json(grant(admin, personId, matter, "documents"), 200);
        json(hub.call("DELETE", "/api/v1/org/people/" + personId, admin, null, null), 204);
        assertThat(json(hub.get("/api/v1/matters", colleague), 200).get("items")).isEmpty();
        json(hub.get("/api/v1/org/people/" + personId, admin), 404);
        assertThat(hub.count("select count(*) from matter_grant g join portal_user u on u.id = g.user_id "
                + "where u.email = ? and g.revoked_at is null", email)).isZero();

        // Every change is in the audit log, attributed to the org admin.
        UUID adminUser = (UUID) hub.query("select id from portal_user where email = ?", ADMIN).get(0).get("id");
        for (String action : List.of("org.person_invited", "org.grant_added", "org.grant_revoked", "org.person_removed")) {
            assertThat(hub.count("select count(*) from audit_event where action = ? and actor_user_id = ? "
                    + "and actor_kind = 'client'", action, adminUser)).as(action).isPositive();
        }
    }

    @Test
    void staffInvitationsAreEmailedOnceToo() throws Exception {
        String email = "staff.invitee@bluebird.example";
        String partner = staffToken("schen@harbourlaw.example");
        String body = JSON.createObjectNode().put("email", email).put("displayName", "Staff Invitee").put("role", "member")
                .toString();
        json(hub.call("POST", "/api/v1/staff/client-orgs/" + bluebird + "/invitations", partner, body, "application/json"), 201);
        await().atMost(Duration.ofSeconds(60)).until(() -> invitations(email).size() == 1);
        assertThat(invitationsOnceSent(email)).hasSize(1);
        assertThat(GreenMailUtil.getWholeMessage(invitations(email).get(0))).contains("login_hint=");
    }

    @Test
    void theLastOrgAdminStaysAndOnlyMembersTakeGrants() throws Exception {
        UUID self = person(ADMIN, northwind);
        JsonNode refused = json(hub.call("DELETE", "/api/v1/org/people/" + self, admin, null, null), 409);
        assertThat(refused.get("title").asText()).isEqualTo("Last org admin");

        // A second org admin may be invited; then either may go, but never the last one.
        String second = "deputy.gc@northwind.example";
        UUID deputy = UUID.fromString(json(invite(admin, second, "Deputy GC", "org_admin", null), 201).get("id").asText());
        String deputyToken = hub.token(second);
        json(hub.get("/api/v1/org/people", deputyToken), 200);
        json(hub.call("DELETE", "/api/v1/org/people/" + deputy, deputyToken, null, null), 204);
        json(hub.get("/api/v1/org/people", deputyToken), 403);
        json(hub.call("DELETE", "/api/v1/org/people/" + self, admin, null, null), 409);

        UUID finance = person(someone(northwind, "finance"), northwind);
        JsonNode notMember = json(grant(admin, finance, matters(northwind).get(0), "invoices"), 409);
        assertThat(notMember.get("title").asText()).isEqualTo("Not a member");
        json(grant(admin, self, matters(northwind).get(0), "documents"), 409);

        // Already a person of the org: 409 (the admin sees them in the list anyway).
        json(invite(admin, someone(northwind, "member"), "Again", "member", null), 409);
    }

    /** Whatever address is invited, the answer has the same shape and says only what the request said. */
    @Test
    void anInvitationRevealsNothingAboutAddressesOfOtherOrgsOrTheFirm() throws Exception {
        String otherOrgsMember = someone(bluebird, "member");
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("brand.new@elsewhere.example", "new");
        addresses.put(otherOrgsMember, "another org's member");
        addresses.put("aosei@harbourlaw.example", "firm staff");
        Map<String, Integer> mailsBefore = new LinkedHashMap<>();
        for (String a : addresses.keySet()) {
            mailsBefore.put(a, invitationsOnceSent(a).size());
        }
        Set<String> shapes = new HashSet<>();
        for (var a : addresses.entrySet()) {
            HttpResponse<String> r = invite(admin, a.getKey(), "Invitee", "finance", null);
            JsonNode body = json(r, 201);
            assertThat(body.get("email").asText()).as(a.getValue()).isEqualTo(a.getKey());
            assertThat(body.get("displayName").asText()).as(a.getValue()).isEqualTo("Invitee");
            assertThat(body.get("role").asText()).isEqualTo("finance");
            assertThat(body.get("grants")).isEmpty();
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            shapes.add(fields + " " + r.headers().firstValue("Content-Type").orElse(""));
        }
        assertThat(shapes).hasSize(1);
        // The other org's member keeps their own name and their membership there; firm staff get nothing.
        assertThat(hub.query("select display_name from portal_user where email = ?", otherOrgsMember).get(0)
                .get("display_name")).isNotEqualTo("Invitee");
        assertThat(person(otherOrgsMember, bluebird)).isNotNull();
        assertThat(hub.count("select count(*) from membership m join portal_user u on u.id = m.user_id "
                + "where u.email = 'aosei@harbourlaw.example'")).isZero();
        // One invitation e-mail more for the new address and the other org's member; none for firm staff.
        assertThat(invitationsOnceSent("aosei@harbourlaw.example")).hasSize(mailsBefore.get("aosei@harbourlaw.example"));
        assertThat(invitations(otherOrgsMember)).hasSize(mailsBefore.get(otherOrgsMember) + 1);
        assertThat(invitations("brand.new@elsewhere.example")).hasSize(mailsBefore.get("brand.new@elsewhere.example") + 1);
    }

    /** The rows of Bluebird that any org-admin operation could touch: its people, memberships, grants, matters. */
    List<Map<String, Object>> otherOrgRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(hub.query("select m.*::text as row from membership m where m.client_org_id = ? order by m.id", bluebird));
        rows.addAll(hub.query("select u.*::text as row from portal_user u where exists (select 1 from membership m "
                + "where m.user_id = u.id and m.client_org_id = ?) order by u.id", bluebird));
        rows.addAll(hub.query("select g.*::text as row from matter_grant g join matter mt on mt.id = g.matter_id "
                + "where mt.client_org_id = ? order by g.id", bluebird));
        rows.addAll(hub.query("select mt.*::text as row from matter mt where mt.client_org_id = ? order by mt.id", bluebird));
        return rows;
    }

    /** A 404 as the caller sees it, with the ids it names replaced: identical for another org's ids and unknown ones. */
    String notFound(HttpResponse<String> r, UUID... ids) throws Exception {
        JsonNode body = json(r, 404);
        String detail = body.get("detail").asText();
        for (UUID id : ids) {
            detail = detail.replace(id.toString(), "<id>");
        }
        return body.get("type").asText() + "|" + body.get("title").asText() + "|" + detail + "|"
                + r.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void everyWayAcrossOrgsAnswers404LikeAnUnknownIdAndChangesNothing() throws Exception {
        // Bluebird's own admin invites someone: that invitation's id is one more id of another org.
        String otherAdmin = hub.token(OTHER_ADMIN);
        UUID otherInvitation = UUID.fromString(json(invite(otherAdmin, "invited.by.bluebird@bluebird.example",
                "Bluebird Invitee", "member", null), 201).get("id").asText());
        String otherMemberEmail = someone(bluebird, "member");
        UUID otherMember = person(otherMemberEmail, bluebird);
        UUID otherMatter = matters(bluebird).get(0);
        json(grant(otherAdmin, otherMember, otherMatter, "documents"), 200);
        List<UUID> otherPeople = hub.query("select id from membership where client_org_id = ? and revoked_at is null", bluebird)
                .stream().map(r -> (UUID) r.get("id")).toList();
        assertThat(otherPeople).contains(otherInvitation, otherMember);
        UUID ownMember = person(someone(northwind, "member"), northwind);
        UUID ownMatter = matters(northwind).get(0);

        List<Map<String, Object>> before = otherOrgRows();
        long outboxBefore = hub.count("select count(*) from outbox");
        long mailsBefore = allInvitationMails();

        for (UUID theirs : otherPeople) {
            UUID unknown = UUID.randomUUID();
            assertThat(notFound(hub.get("/api/v1/org/people/" + theirs, admin), theirs))
                    .isEqualTo(notFound(hub.get("/api/v1/org/people/" + unknown, admin), unknown));
            assertThat(notFound(hub.call("DELETE", "/api/v1/org/people/" + theirs, admin, null, null), theirs))
                    .isEqualTo(notFound(hub.call("DELETE", "/api/v1/org/people/" + unknown, admin, null, null), unknown));
            // their person with their matter, with one of ours, and with an unknown one
            for (UUID matter : List.of(otherMatter, ownMatter)) {
                assertThat(notFound(grant(admin, theirs, matter, "documents"), theirs, matter))
                        .isEqualTo(notFound(grant(admin, unknown, matter, "documents"), unknown, matter));
                assertThat(notFound(hub.call("DELETE", "/api/v1/org/people/" + theirs + "/grants/" + matter, admin, null, null),
                        theirs, matter)).isEqualTo(notFound(hub.call("DELETE", "/api/v1/org/people/" + unknown + "/grants/"
                        + matter, admin, null, null), unknown, matter));
            }
        }
        // our member with their matters, against an unknown matter
        for (UUID theirMatter : matters(bluebird)) {
            UUID unknown = UUID.randomUUID();
            assertThat(notFound(grant(admin, ownMember, theirMatter, "documents"), ownMember, theirMatter))
                    .isEqualTo(notFound(grant(admin, ownMember, unknown, "documents"), ownMember, unknown));
            assertThat(notFound(hub.call("DELETE", "/api/v1/org/people/" + ownMember + "/grants/" + theirMatter, admin, null,
                    null), ownMember, theirMatter)).isEqualTo(notFound(hub.call("DELETE", "/api/v1/org/people/" + ownMember
                    + "/grants/" + unknown, admin, null, null), ownMember, unknown));
        }
        // inviting into their org, against an unknown org
        UUID unknownOrg = UUID.randomUUID();
        assertThat(notFound(invite(admin, "x@elsewhere.example", "X", "member", bluebird), bluebird))
                .isEqualTo(notFound(invite(admin, "x@elsewhere.example", "X", "member", unknownOrg), unknownOrg));
        // the list holds none of them
        JsonNode people = json(hub.get("/api/v1/org/people", admin), 200).get("items");
        Set<String> listed = new HashSet<>();
        people.forEach(p -> listed.add(p.get("id").asText()));
        assertThat(listed).doesNotContainAnyElementsOf(otherPeople.stream().map(UUID::toString).toList());

        assertThat(otherOrgRows()).isEqualTo(before);
        assertThat(hub.count("select count(*) from outbox")).isEqualTo(outboxBefore);
        assertThat(allInvitationMails()).isEqualTo(mailsBefore);
    }

    @Test
    void membersFinanceUsersStaffAndOpsGet403OnEveryOrgAdminOperation() throws Exception {
        UUID ownMember = person(someone(northwind, "member"), northwind);
        UUID ownMatter = matters(northwind).get(0);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("member", hub.token(someone(northwind, "member")));
        callers.put("finance", hub.token(someone(northwind, "finance")));
        callers.put("staff", staffToken("aosei@harbourlaw.example"));
        callers.put("partner", staffToken("schen@harbourlaw.example"));
        callers.put("ops", staffToken("ops@harbourlaw.example"));
        List<Map<String, Object>> northwindBefore = hub.query("select m.*::text as row from membership m "
                + "where m.client_org_id = ? order by m.id", northwind);
        String grantBody = "{\"scopes\":[\"documents\"]}";
        for (var c : callers.entrySet()) {
            String t = c.getValue();
            List<HttpResponse<String>> answers = List.of(
                    hub.get("/api/v1/org/people", t),
                    hub.get("/api/v1/org/people/" + ownMember, t),
                    invite(t, "who@elsewhere.example", "Who", "org_admin", null),
                    hub.call("PUT", "/api/v1/org/people/" + ownMember + "/grants/" + ownMatter, t, grantBody, "application/json"),
                    hub.call("DELETE", "/api/v1/org/people/" + ownMember + "/grants/" + ownMatter, t, null, null),
                    hub.call("DELETE", "/api/v1/org/people/" + ownMember, t, null, null),
                    // the body is never looked at: a broken one still gets 403
                    hub.offContract("a malformed body from a caller without the role", "POST", "/api/v1/org/invitations", t,
                            "{\"email\":", "application/json", Map.of()));
            for (HttpResponse<String> r : answers) {
                assertThat(r.statusCode()).as(c.getKey() + " " + r.uri() + " " + r.body()).isEqualTo(403);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            }
        }
        assertThat(hub.query("select m.*::text as row from membership m where m.client_org_id = ? order by m.id", northwind))
                .isEqualTo(northwindBefore);
    }
}
