package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.matterhub.config.support.TestHub;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The matter conversation through the real API over HTTP: threads and messages, unread marks, a document's
 * conversation, the merged timeline, and who reaches which thread (row-level security, V22).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NORTHWIND = "Northwind Holdings Ltd";
    static final String BLUEBIRD = "Bluebird Ventures LLC";
    static final String PARTNER = "schen@harbourlaw.example";

    TestHub hub;
    GreenMail mail;

    @BeforeAll
    void start() {
        // A fixed port, so that the mail server can be stopped and started again where the hub sends.
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        hub = TestHub.start(Map.of("matterhub.mail.enabled", "true",
                "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "matterhub.mail.from-address", "notifications@harbourlaw.example",
                "matterhub.mail.domain", "portal.harbourlaw.example"));
    }

    @AfterAll
    void stop() {
        hub.close();
        mail.stop();
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The notification e-mails one address received. */
    List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            for (var r : m.getAllRecipients()) {
                if (r.toString().toLowerCase(java.util.Locale.ROOT).contains(address.toLowerCase(java.util.Locale.ROOT))) {
                    to.add(m);
                }
            }
        }
        return to;
    }

    String person(String org, String role) {
        return (String) hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "join client_org o on o.id = m.client_org_id where o.name = ? and m.role = ? and m.revoked_at is null "
                + "order by u.email limit 1", org, role).get(0).get("email");
    }

    UUID matterOf(String org) {
        return (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id where o.name = ? "
                + "and m.deleted_at is null order by m.display_number limit 1", org).get(0).get("id");
    }

    int asSystem(String sql, Object... args) {
        return hub.bean(Tenancy.class).write(TenantScope.system(hub.firmId()), () -> hub.jdbc().update(sql, args));
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    JsonNode startThread(String token, UUID matter, String subject, String body) throws Exception {
        return json(hub.call("POST", "/api/v1/matters/" + matter + "/threads", token,
                JSON.writeValueAsString(Map.of("subject", subject, "body", body)), "application/json"), 201);
    }

    JsonNode post(String token, String thread, String body) throws Exception {
        return json(hub.call("POST", "/api/v1/threads/" + thread + "/messages", token,
                JSON.writeValueAsString(Map.of("body", body)), "application/json"), 201);
    }

    @Test
    void aClientAndTheFirmTalkInAThreadWithUnreadMarksAndNoEdits() throws Exception {
        String gc = hub.token(person(NORTHWIND, "org_admin"));
        String partner = hub.token(PARTNER);
        UUID matter = matterOf(NORTHWIND);
        JsonNode thread = startThread(gc, matter, "Completion date", "  Can we move completion to Friday?  ");
        String id = thread.get("id").asText();
        assertThat(thread.get("messageCount").asLong()).isEqualTo(1);
        assertThat(thread.get("unreadCount").asLong()).isZero();

        JsonNode seenByPartner = json(hub.get("/api/v1/threads/" + id, partner), 200);
        assertThat(seenByPartner.get("unreadCount").asLong()).isEqualTo(1);
        JsonNode reply = post(partner, id, "Friday works; I will confirm with the other side.");
        assertThat(reply.get("author").get("kind").asText()).isEqualTo("staff");
        assertThat(reply.get("author").get("name").asText()).isEqualTo("Sarah Chen");
        assertThat(reply.get("origin").asText()).isEqualTo("portal");

        assertThat(json(hub.get("/api/v1/threads/" + id, gc), 200).get("unreadCount").asLong()).isEqualTo(1);
        JsonNode page = json(hub.get("/api/v1/threads/" + id + "/messages", gc), 200);
        assertThat(page.get("items")).extracting(m -> m.get("body").asText())
                .containsExactly("Can we move completion to Friday?", "Friday works; I will confirm with the other side.");
        assertThat(page.get("items").get(0).get("author").get("you").asBoolean()).isTrue();
        assertThat(page.get("items").get(1).get("author").has("you")).isFalse();
        assertThat(json(hub.get("/api/v1/threads/" + id, gc), 200).get("unreadCount").asLong()).isZero();
        assertThat(json(hub.get("/api/v1/matters/" + matter + "/threads", partner), 200).get("items"))
                .extracting(t -> t.get("id").asText()).contains(id);

        assertThat(hub.count("select count(*) from audit_event where action in ('thread.started', 'message.posted', "
                + "'thread.read') and subject_id in (?, ?, ?)", id, reply.get("id").asText(),
                page.get("items").get(0).get("id").asText())).isGreaterThanOrEqualTo(3);
        // The record is the record: the application cannot edit or delete a message, even as the sync engine.
        assertThatThrownBy(() -> asSystem("update message set body = 'edited' where thread_id = ?::uuid", id));
        assertThatThrownBy(() -> asSystem("delete from message where thread_id = ?::uuid", id));
        assertThat(hub.query("select body from message where thread_id = ?::uuid order by created_at", id))
                .extracting(r -> r.get("body")).containsExactly("Can we move completion to Friday?",
                        "Friday works; I will confirm with the other side.");
    }

    @Test
    void messagesPageByCursorWithoutGapsOrRepeats() throws Exception {
        String gc = hub.token(person(NORTHWIND, "org_admin"));
        String id = startThread(gc, matterOf(NORTHWIND), "Many", "message 0").get("id").asText();
        for (int i = 1; i < 7; i++) {
            post(gc, id, "message " + i);
        }
        List<String> bodies = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = json(hub.get("/api/v1/threads/" + id + "/messages?limit=3" + (after == null ? "" : "&after=" + after),
                    gc), 200);
            page.get("items").forEach(m -> bodies.add(m.get("body").asText()));
            after = page.has("next") ? page.get("next").asText() : null;
        } while (after != null);
        assertThat(bodies).containsExactly("message 0", "message 1", "message 2", "message 3", "message 4", "message 5",
                "message 6");
        HttpResponse<String> forged = hub.get("/api/v1/threads/" + id + "/messages?after=bm90LWEtY3Vyc29y", gc);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(forged.body()).get("title").asText()).isEqualTo("Invalid cursor");
    }

    @Test
    void everyThreadEndpointAnswersAnotherOrganisation404() throws Exception {
        String gc = hub.token(person(NORTHWIND, "org_admin"));
        String rival = hub.token(person(BLUEBIRD, "org_admin"));
        UUID matter = matterOf(NORTHWIND);
        String id = startThread(gc, matter, "Private", "Only Northwind sees this").get("id").asText();
        String message = json(hub.get("/api/v1/threads/" + id + "/messages", gc), 200).get("items").get(0).get("id").asText();
        UUID document = (UUID) hub.query("select id from document where matter_id = ? and state = 'published' "
                + "and deleted_at is null limit 1", matter).stream().findFirst().map(r -> r.get("id")).orElse(null);

        assertThat(hub.get("/api/v1/threads/" + id, rival).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/threads/" + id + "/messages", rival).statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", "/api/v1/threads/" + id + "/messages", rival, "{\"body\":\"hi\"}", "application/json")
                .statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/matters/" + matter + "/threads", rival).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/matters/" + matter + "/timeline", rival).statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", "/api/v1/matters/" + matter + "/threads", rival,
                "{\"subject\":\"x\",\"body\":\"y\"}", "application/json").statusCode()).isEqualTo(404);
        // A message id is not a thread id, and another org's thread is absent exactly as one that never existed.
        assertThat(hub.get("/api/v1/threads/" + message, rival).statusCode()).isEqualTo(404);
        HttpResponse<String> other = hub.get("/api/v1/threads/" + id, rival);
        HttpResponse<String> none = hub.get("/api/v1/threads/" + UUID.randomUUID(), rival);
        assertThat(JSON.readTree(other.body()).get("title")).isEqualTo(JSON.readTree(none.body()).get("title"));
        // Northwind's documents as anchors or attachments of Bluebird's own threads.
        UUID own = matterOf(BLUEBIRD);
        if (document != null) {
            assertThat(hub.call("POST", "/api/v1/matters/" + own + "/threads", rival, JSON.writeValueAsString(Map.of(
                    "subject", "x", "body", "y", "documentId", document.toString())), "application/json").statusCode())
                    .isEqualTo(404);
            assertThat(hub.call("POST", "/api/v1/matters/" + own + "/threads", rival, JSON.writeValueAsString(Map.of(
                    "subject", "x", "body", "y", "attachments", List.of(document.toString()))), "application/json")
                    .statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/v1/documents/" + document + "/timeline", rival).statusCode()).isEqualTo(404);
        }
        Set<String> rivalSees = new HashSet<>();
        json(hub.get("/api/v1/matters/" + own + "/threads", rival), 200).get("items").forEach(t -> rivalSees.add(t.get("id").asText()));
        assertThat(rivalSees).doesNotContain(id);
        assertThat(hub.count("select count(*) from message where thread_id = ?::uuid", id)).isEqualTo(1);
    }

    @Test
    void financeUsersSeeNoThreadAndMembersOnlyThreadsOfMattersGrantedWithMessages() throws Exception {
        String gc = hub.token(person(NORTHWIND, "org_admin"));
        List<UUID> matters = new ArrayList<>();
        hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id where o.name = ? "
                + "and m.deleted_at is null order by m.display_number", NORTHWIND).forEach(r -> matters.add((UUID) r.get("id")));
        Map<UUID, String> threads = new java.util.HashMap<>();
        for (UUID m : matters.subList(0, 3)) {
            threads.put(m, startThread(gc, m, "On " + m, "Hello").get("id").asText());
        }
        String finance = hub.token(person(NORTHWIND, "finance"));
        for (var t : threads.entrySet()) {
            assertThat(hub.get("/api/v1/threads/" + t.getValue(), finance).statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/v1/matters/" + t.getKey() + "/threads", finance).statusCode()).isEqualTo(404);
            assertThat(hub.call("POST", "/api/v1/threads/" + t.getValue() + "/messages", finance, "{\"body\":\"hi\"}",
                    "application/json").statusCode()).isEqualTo(404);
        }
        String memberEmail = person(NORTHWIND, "member");
        String member = hub.token(memberEmail);
        Set<UUID> granted = new HashSet<>();
        hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id where u.email = ? "
                + "and g.revoked_at is null and 'messages' = any (g.scopes)", memberEmail).forEach(r -> granted.add((UUID) r.get("matter_id")));
        for (var t : threads.entrySet()) {
            int expected = granted.contains(t.getKey()) ? 200 : 404;
            assertThat(hub.get("/api/v1/threads/" + t.getValue(), member).statusCode()).as("thread on %s", t.getKey())
                    .isEqualTo(expected);
        }
        // Granted without the messages scope: the matter is there, its threads are not.
        UUID withoutMessages = granted.iterator().next();
        assertThat(asSystem("update matter_grant g set scopes = array['documents'] from portal_user u where u.id = g.user_id "
                + "and u.email = ? and g.matter_id = ?", memberEmail, withoutMessages)).isEqualTo(1);
        assertThat(hub.get("/api/v1/matters/" + withoutMessages, member).statusCode()).isEqualTo(200);
        assertThat(json(hub.get("/api/v1/matters/" + withoutMessages + "/threads", member), 200).get("items")).isEmpty();
        if (threads.containsKey(withoutMessages)) {
            assertThat(hub.get("/api/v1/threads/" + threads.get(withoutMessages), member).statusCode()).isEqualTo(404);
        }
        assertThat(hub.call("POST", "/api/v1/matters/" + withoutMessages + "/threads", member,
                "{\"subject\":\"x\",\"body\":\"y\"}", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void aDocumentHasOneConversationAndTheTimelineMergesItAll() throws Exception {
        String gc = hub.token(person(NORTHWIND, "org_admin"));
        var doc = hub.query("select d.id, d.matter_id from document d join matter m on m.id = d.matter_id "
                + "join client_org o on o.id = m.client_org_id where o.name = ? and d.state = 'published' "
                + "and d.deleted_at is null and not exists (select 1 from thread t where t.document_id = d.id) "
                + "order by d.title limit 1", NORTHWIND);
        assertThat(doc).as("a published Northwind document in the demo").isNotEmpty();
        UUID document = (UUID) doc.get(0).get("id");
        UUID matter = (UUID) doc.get(0).get("matter_id");
        String body = JSON.writeValueAsString(Map.of("subject", "About this draft", "body", "Clause 4 reads oddly.",
                "documentId", document.toString()));
        JsonNode thread = json(hub.call("POST", "/api/v1/matters/" + matter + "/threads", gc, body, "application/json"), 201);
        assertThat(thread.get("documentId").asText()).isEqualTo(document.toString());
        assertThat(hub.call("POST", "/api/v1/matters/" + matter + "/threads", gc, body, "application/json").statusCode())
                .isEqualTo(409);

        JsonNode timeline = json(hub.get("/api/v1/documents/" + document + "/timeline", gc), 200);
        assertThat(timeline.get("items")).extracting(e -> e.get("kind").asText()).contains("message");
        List<String> walked = new ArrayList<>();
        String before = null;
        String previousAt = null;
        do {
            JsonNode page = json(hub.get("/api/v1/matters/" + matter + "/timeline?limit=2" + (before == null ? "" : "&before=" + before),
                    gc), 200);
            for (JsonNode e : page.get("items")) {
                walked.add(e.get("kind").asText() + ":" + e.get("id").asText());
                if (previousAt != null) {
                    assertThat(e.get("at").asText().compareTo(previousAt)).as("newest first").isLessThanOrEqualTo(0);
                }
                previousAt = e.get("at").asText();
            }
            before = page.has("next") ? page.get("next").asText() : null;
        } while (before != null);
        assertThat(walked).doesNotHaveDuplicates().contains("message:" + json(hub.get("/api/v1/threads/" + thread.get("id").asText()
                + "/messages", gc), 200).get("items").get(0).get("id").asText());
        assertThat(walked).anyMatch(k -> k.startsWith("milestone."));
        assertThat(walked).anyMatch(k -> k.startsWith("document.version:"));
        long visible = hub.count("select count(*) from message where matter_id = ?", matter)
                + hub.count("select count(*) from document_version v join document d on d.id = v.document_id where d.matter_id = ? "
                + "and v.published and d.deleted_at is null and d.state in ('published', 'client_approved', 'changes_requested', 'closed')", matter)
                + hub.count("select count(*) from document d where d.matter_id = ? and d.published_at is not null and d.deleted_at is null "
                + "and d.state in ('published', 'client_approved', 'changes_requested', 'closed')", matter)
                + hub.count("select count(*) from document_action a join document d on d.id = a.document_id where d.matter_id = ? "
                + "and d.deleted_at is null and d.state in ('published', 'client_approved', 'changes_requested', 'closed')", matter)
                + hub.count("select count(*) from matter_milestone where matter_id = ? and client_visible", matter);
        assertThat(walked).hasSize((int) visible);
    }

    @Test
    void eachPersonChoosesDeliveryPerCategoryButNotForCriticalEvents() throws Exception {
        String gc = hub.token(person(NORTHWIND, "org_admin"));
        JsonNode defaults = json(hub.get("/api/v1/me/notification-preferences", gc), 200);
        assertThat(defaults.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(defaults.get("categories")).extracting(c -> c.get("category").asText())
                .containsExactly("appointments", "documents", "invoices", "matter_status", "messages", "signatures");
        assertThat(defaults.get("categories")).allSatisfy(c -> {
            assertThat(c.get("delivery").asText()).isEqualTo("immediate");
            assertThat(c.get("chosen").asBoolean()).isFalse();
        });
        assertThat(defaults.get("alwaysImmediate")).extracting(JsonNode::asText)
                .contains("document.approval_requested", "signature.requested", "invoice.overdue");

        JsonNode changed = json(hub.call("PUT", "/api/v1/me/notification-preferences", gc,
                "{\"timeZone\":\"Europe/London\",\"categories\":{\"messages\":\"daily\",\"invoices\":\"off\"}}",
                "application/json"), 200);
        assertThat(changed.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(changed.get("categories")).filteredOn(c -> c.get("chosen").asBoolean())
                .extracting(c -> c.get("category").asText() + "=" + c.get("delivery").asText())
                .containsExactly("invoices=off", "messages=daily");
        assertThat(json(hub.get("/api/v1/me/notification-preferences", gc), 200)).isEqualTo(changed);

        // Someone else's choices are theirs: another client of the same firm still has the defaults.
        String rival = hub.token(person(BLUEBIRD, "org_admin"));
        assertThat(json(hub.get("/api/v1/me/notification-preferences", rival), 200).get("categories"))
                .allSatisfy(c -> assertThat(c.get("chosen").asBoolean()).isFalse());

        HttpResponse<String> staffCategory = hub.call("PUT", "/api/v1/me/notification-preferences", gc,
                "{\"categories\":{\"client_activity\":\"weekly\"}}", "application/json");
        assertThat(json(staffCategory, 422).get("errors").has("categories.client_activity")).isTrue();
        HttpResponse<String> badZone = hub.call("PUT", "/api/v1/me/notification-preferences", gc,
                "{\"timeZone\":\"Mars/Olympus\"}", "application/json");
        assertThat(json(badZone, 422).get("errors").has("timeZone")).isTrue();
        assertThat(hub.offContract("a delivery that does not exist", "PUT", "/api/v1/me/notification-preferences", gc,
                "{\"categories\":{\"messages\":\"hourly\"}}", "application/json", Map.of()).statusCode()).isIn(400, 422);
        // A refused change changes nothing.
        assertThat(json(hub.get("/api/v1/me/notification-preferences", gc), 200)).isEqualTo(changed);

        String partner = hub.token(PARTNER);
        assertThat(json(hub.get("/api/v1/me/notification-preferences", partner), 200).get("categories"))
                .extracting(c -> c.get("category").asText()).containsExactly("client_activity", "documents", "messages");
    }

    @Test
    void privilegedContentInEmailsIsTheFirmsChoiceAndOffByDefault() throws Exception {
        String admin = hub.token("jwhitaker@harbourlaw.example");
        JsonNode settings = json(hub.get("/api/v1/admin/firm/settings", admin), 200);
        assertThat(settings.get("emailPrivilegedContent").asBoolean()).isFalse();
        JsonNode on = json(hub.call("PUT", "/api/v1/admin/firm/settings", admin,
                "{\"showTimeEntries\":" + settings.get("showTimeEntries").asBoolean() + ",\"emailPrivilegedContent\":true}",
                "application/json"), 200);
        assertThat(on.get("emailPrivilegedContent").asBoolean()).isTrue();
        // A request that names only the older setting keeps this one.
        JsonNode kept = json(hub.call("PUT", "/api/v1/admin/firm/settings", admin,
                "{\"showTimeEntries\":" + settings.get("showTimeEntries").asBoolean() + "}", "application/json"), 200);
        assertThat(kept.get("emailPrivilegedContent").asBoolean()).isTrue();
        json(hub.call("PUT", "/api/v1/admin/firm/settings", admin, "{\"showTimeEntries\":" + settings.get("showTimeEntries")
                .asBoolean() + ",\"emailPrivilegedContent\":false}", "application/json"), 200);
        assertThat(hub.count("select count(*) from audit_event where action = 'firm.settings_changed' "
                + "and details ->> 'emailPrivilegedContent' is not null")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMessageIsFannedOutOnceToEachPersonWhoSeesItAsTheyChose() throws Exception {
        String gcEmail = person(NORTHWIND, "org_admin");
        var granted = hub.query("select u.id as user_id, u.email, g.matter_id from matter_grant g join portal_user u on u.id = g.user_id "
                + "join membership ms on ms.user_id = u.id and ms.role = 'member' join client_org o on o.id = ms.client_org_id "
                + "where o.name = ? and g.revoked_at is null and 'messages' = any (g.scopes) order by u.email, g.matter_id desc", NORTHWIND);
        assertThat(granted).isNotEmpty();
        UUID matter = (UUID) granted.get(0).get("matter_id");
        String weekly = (String) granted.get(0).get("email");
        json(hub.call("PUT", "/api/v1/me/notification-preferences", hub.token(weekly),
                "{\"categories\":{\"messages\":\"weekly\"}}", "application/json"), 200);

        JsonNode thread = startThread(hub.token(gcEmail), matter, "Fan-out", "Who hears of this?");
        String message = json(hub.get("/api/v1/threads/" + thread.get("id").asText() + "/messages", hub.token(gcEmail)), 200)
                .get("items").get(0).get("id").asText();
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> hub.count(
                "select count(*) from notification_fanout where subject_type = 'message' and subject_id = ?::uuid", message) == 1);

        // The oracle, from the grants as they stand: the org's other admins, members granted this matter with the
        // messages scope, and the matter's responsible attorney; never the author, a finance user or another org.
        Set<UUID> expected = new HashSet<>();
        hub.query("select u.id from portal_user u join membership ms on ms.user_id = u.id join matter mt on mt.client_org_id = ms.client_org_id "
                + "where mt.id = ? and ms.revoked_at is null and u.status <> 'revoked' and u.email <> ? and (ms.role = 'org_admin' "
                + "or (ms.role = 'member' and exists (select 1 from matter_grant g where g.user_id = u.id and g.matter_id = mt.id "
                + "and g.revoked_at is null and 'messages' = any (g.scopes))))", matter, gcEmail).forEach(r -> expected.add((UUID) r.get("id")));
        hub.query("select u.id from portal_user u join matter mt on lower(mt.responsible_attorney_email) = lower(u.email) "
                + "where mt.id = ? and u.kind = 'firm' and u.status <> 'revoked'", matter).forEach(r -> expected.add((UUID) r.get("id")));
        var rows = hub.query("select recipient_user_id, delivery, category, tier, kind from notification where subject_id = ?::uuid", message);
        assertThat(rows).extracting(r -> (UUID) r.get("recipient_user_id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        UUID weeklyId = (UUID) granted.get(0).get("user_id");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("kind")).isEqualTo("message.posted");
            assertThat(r.get("category")).isEqualTo("messages");
            assertThat(r.get("delivery")).isEqualTo(weeklyId.equals(r.get("recipient_user_id")) ? "weekly" : "immediate");
        });
        assertThat(expected).contains(weeklyId);

        // Immediate ones are e-mailed once each; the weekly one waits for its digest. The firm has not allowed
        // privileged content, so no mail carries the message's text or the thread's subject.
        var immediate = rows.stream().filter(r -> "immediate".equals(r.get("delivery"))).map(r -> (UUID) r.get("recipient_user_id")).toList();
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> hub.count("select count(*) from notification "
                + "where subject_id = ?::uuid and delivery = 'immediate' and emailed_at is not null", message) == immediate.size());
        for (UUID recipient : immediate) {
            String email = (String) hub.query("select email from portal_user where id = ?", recipient).get(0).get("email");
            List<MimeMessage> received = mailTo(email).stream().filter(m -> header(m, "Message-ID").contains(
                    hub.query("select id from notification where subject_id = ?::uuid and recipient_user_id = ?", message, recipient)
                            .get(0).get("id").toString())).toList();
            assertThat(received).as("mails to %s about the message", email).hasSize(1);
            MimeMessage m = received.get(0);
            assertThat(header(m, "Auto-Submitted")).isEqualTo("auto-generated");
            assertThat(header(m, "List-Unsubscribe")).contains("/portal/preferences");
            assertThat(header(m, "In-Reply-To")).contains(thread.get("id").asText());
            String raw = new String(m.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + m.getSubject();
            assertThat(raw).doesNotContain("Who hears of this?").doesNotContain("Fan-out");
        }
        String weeklyEmail = (String) granted.get(0).get("email");
        assertThat(mailTo(weeklyEmail).stream().filter(m -> header(m, "In-Reply-To").contains(thread.get("id").asText())))
                .isEmpty();
    }

    static String header(MimeMessage m, String name) {
        try {
            String v = m.getHeader(name, ", ");
            return v == null ? "" : v;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMailThatTheServerCannotTakeIsRetriedThenParkedForOpsAndAReplaySendsItOnce() throws Exception {
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        // Earlier tests' mails are out first: only this test's mails meet the outage.
        await().atMost(minute).until(() -> hub.count("select count(*) from outbox where kind = 'notification.mail' "
                + "and status = 'pending'") == 0);
        UUID matter = matterOf(NORTHWIND);
        mail.stop();
        String message;
        try {
            JsonNode thread = startThread(hub.token(PARTNER), matter, "Signing arrangements", "The signing is at ten.");
            message = json(hub.get("/api/v1/threads/" + thread.get("id").asText() + "/messages", hub.token(PARTNER)), 200)
                    .get("items").get(0).get("id").asText();
            String mailRows = "select count(*) from outbox o join notification n on n.id = o.aggregate_id "
                    + "where o.kind = 'notification.mail' and n.subject_id = '" + message + "'::uuid";
            await().atMost(minute).until(() -> hub.count(mailRows) > 0
                    && hub.count(mailRows + " and o.status = 'dead'") == hub.count(mailRows));
            // Retried through the whole budget (RetryPolicy.background: 6 attempts), each failure named.
            assertThat(hub.query("select o.attempts, o.last_error from outbox o join notification n on n.id = o.aggregate_id "
                    + "where n.subject_id = ?::uuid", message)).allSatisfy(row -> {
                        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(6);
                        assertThat((String) row.get("last_error")).containsIgnoringCase("connect");
                    });
            assertThat(hub.count("select count(*) from notification where subject_id = ?::uuid and emailed_at is not null",
                    UUID.fromString(message))).isZero();
        } finally {
            mail.start();
        }
        // Ops see each parked mail and send it again.
        String ops = hub.token("ops@harbourlaw.example");
        JsonNode letters = json(hub.get("/ops/v1/dead-letters?status=open&limit=1000", ops), 200);
        Set<Long> parked = new HashSet<>();
        for (Map<String, Object> row : hub.query("select d.id from dead_letter d join outbox o on o.id = d.source_id "
                + "join notification n on n.id = o.aggregate_id where d.source = 'outbox' and n.subject_id = ?::uuid", message)) {
            parked.add(((Number) row.get("id")).longValue());
        }
        assertThat(parked).isNotEmpty();
        Set<Long> listed = new HashSet<>();
        (letters.isArray() ? letters : letters.path("items")).forEach(l -> listed.add(l.get("id").asLong()));
        assertThat(listed).containsAll(parked);
        for (long id : parked) {
            assertThat(hub.call("POST", "/ops/v1/dead-letters/" + id + "/replay", ops, null, null).statusCode())
                    .isEqualTo(202);
        }
        await().atMost(minute).until(() -> hub.count("select count(*) from notification where subject_id = ?::uuid "
                + "and delivery = 'immediate' and emailed_at is null", UUID.fromString(message)) == 0);
        // Each immediate notification of the message arrives exactly once (the mail server was restarted empty).
        List<String> immediate = new ArrayList<>();
        for (Map<String, Object> row : hub.query("select id from notification where subject_id = ?::uuid "
                + "and delivery = 'immediate'", message)) {
            immediate.add(row.get("id").toString());
        }
        assertThat(immediate).isNotEmpty();
        await().atMost(minute).until(() -> mail.getReceivedMessages().length >= immediate.size());
        List<String> received = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            received.add(m.getMessageID());
        }
        for (String id : immediate) {
            assertThat(received.stream().filter(r -> r != null && r.contains(id))).as("the mail of notification " + id)
                    .hasSize(1);
        }
    }
}
