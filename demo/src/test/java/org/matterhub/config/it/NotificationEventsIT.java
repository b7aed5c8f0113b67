package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.matterhub.config.support.OpenApiContract;
import org.matterhub.config.support.TestHub;
import org.matterhub.demo.DemoDocuments;
import org.matterhub.portal.notify.NotificationCategories;
import org.matterhub.portal.notify.NotificationCategories.Delivery;
import org.matterhub.portal.notify.NotificationCategories.Kind;
import org.matterhub.routes.billing.BillingSyncService;
import org.matterhub.routes.documents.DmsSyncService;
import org.matterhub.routes.notify.EventFanOut;
import org.matterhub.simulators.common.SampleFiles;
import org.matterhub.simulators.quickbooks.QboRealm;
import org.matterhub.store.model.NotificationEventRepository;
import org.matterhub.store.model.NotificationEventRepository.NewEvent;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Notifications of every event besides messages, each made to happen the real way: a document published and
 * re-versioned through the iManage sync and staff's publication, clients' answers through the API, invoices through
 * the QuickBooks sync and the reminder job, a status change from the Clio simulator, and a synthetic signature request
 * through the hook. For each, the people notified are exactly those an independent oracle computes from memberships,
 * grants, roles and choices (never another organisation, never the actor), each once; the immediate ones get exactly
 * one e-mail, critical ones even when their category is off or weekly; privileged text only when the firm allows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationEventsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NORTHWIND = "Northwind Holdings Ltd";
    static final String PARTNER = "schen@harbourlaw.example";
    static final String ADMIN = "jwhitaker@harbourlaw.example";

    TestHub hub;
    GreenMail mail;
    UUID org;
    String gc;
    String member;
    String finance;

    @BeforeAll
    void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        hub = TestHub.start(Map.of("matterhub.mail.enabled", "true",
                "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "matterhub.mail.domain", "portal.harbourlaw.example",
                "matterhub.notify.fan-out-interval-ms", "300",
                "matterhub.notify.invoice-reminder-interval-ms", "400"));
        org = (UUID) hub.query("select id from client_org where name = ?", NORTHWIND).get(0).get("id");
        gc = person("org_admin");
        finance = person("finance");
        // The general counsel turns documents off, hears of invoices weekly and of status changes daily.
        choose(gc, "{\"categories\":{\"documents\":\"off\",\"invoices\":\"weekly\",\"matter_status\":\"daily\"}}");
    }

    @AfterAll
    void stop() {
        hub.close();
        mail.stop();
    }

    @Test
    @Order(1)
    void aDocumentPublishedReplacedAndAwaitingApprovalReachesExactlyItsReadersAndClientAnswersReachTheFirm() throws Exception {
        privileged(false);
        var m = hub.bean(DemoDocuments.class).imanageSeed().matters().get(0);
        String id = hub.imanage().data().putDocument(m.clientPortalFolderId(), "Heads of Terms Quokka", "pdf",
                SampleFiles.pdf("Heads of terms", "quokka one"));
        String external = id.substring(0, id.lastIndexOf('.'));
        poll();
        UUID doc = (UUID) hub.query("select d.document_id from dms_document d join connection c on c.id = d.connection_id "
                + "where c.vendor = 'imanage' and d.external_id = ?", external).get(0).get("document_id");
        UUID matter = (UUID) hub.query("select matter_id from document where id = ?", doc).get(0).get("matter_id");
        assertThat(hub.query("select o.name from matter m join client_org o on o.id = m.client_org_id where m.id = ?", matter)
                .get(0).get("name")).isEqualTo(NORTHWIND);
        assertThat(eventsOf("document.published", doc)).as("in review: nothing to tell yet").isEmpty();
        Set<UUID> readers = clients(matter, "documents");
        assertThat(readers).doesNotContain(userId(finance));
        // A member who reads the matter's documents wants every change at once (version replacements included).
        member = hub.query("select u.id, u.email from portal_user u join membership ms on ms.user_id = u.id "
                + "where ms.role = 'member' and ms.client_org_id = ? order by u.email", org).stream()
                .filter(r -> readers.contains((UUID) r.get("id"))).map(r -> (String) r.get("email")).findFirst().orElseThrow();
        choose(member, "{\"categories\":{\"documents\":\"immediate\"}}");

        publish(doc);
        Map<UUID, UUID> published = fannedOut(one("document.published", doc), readers, null);
        assertThat(published).doesNotContainKey(userId(gc)).isNotEmpty();
        assertThat(mailsOf(published.values())).allSatisfy(mm -> assertThat(DigestWorkload.text(mm) + mm.getSubject())
                .doesNotContain("Quokka").contains("/portal/documents/" + doc));

        // The client asks for changes: the firm's people on the matter hear of it, the client does not.
        act(gc, doc, "{\"action\":\"request_changes\",\"comment\":\"Clause 4 please\"}");
        Set<UUID> onMatter = firmOn(matter);
        assertThat(onMatter).isNotEmpty();
        fannedOut(one("client.activity", doc), onMatter, userId(gc));

        // The firm answers with a new version: the client's approval is requested, critical, so the general counsel
        // hears of it at once although documents are off for them.
        hub.imanage().data().addVersion(external + ".1", SampleFiles.pdf("Heads of terms", "quokka two"));
        poll();
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending_review".equals(state(doc)));
        publish(doc);
        Map<UUID, UUID> approval = fannedOut(one("document.approval_requested", doc), readers, null);
        assertThat(approval).containsKey(userId(gc));

        // With privileged content allowed, an approved document's next version names the document.
        privileged(true);
        act(gc, doc, "{\"action\":\"approve\"}");
        assertThat(eventsOf("client.activity", doc)).hasSize(2);
        hub.imanage().data().addVersion(external + ".1", SampleFiles.pdf("Heads of terms", "quokka three"));
        poll();
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending_review".equals(state(doc)));
        publish(doc);
        Map<UUID, UUID> replaced = fannedOut(one("document.version_replaced", doc), readers, null);
        assertThat(mailsOf(List.of(replaced.get(userId(member))))).singleElement()
                .satisfies(mm -> assertThat(DigestWorkload.text(mm)).contains("Heads of Terms Quokka"));
        // Each event exactly once, however many fan-out runs passed.
        assertThat(hub.count("select count(*) from notification_event where subject_id = ?", doc)).isEqualTo(5);
    }

    @Test
    @Order(2)
    void invoicesFromQuickBooksAreAnnouncedIssuedDueAndOverdueOncePerInvoiceAndThreshold() throws Exception {
        privileged(false);
        var books = hub.billing().simulators();
        QboRealm realm = books.quickbooks().realm(books.quickbooksSeed().realmId());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String job = northwindJob(books.quickbooksSeed().matterIds());
        UUID qbo = hub.billingConnectionId("quickbooks");
        UUID soon = synced(qbo, invoice(realm, job, "EVT-DUE-7", today.minusDays(1), today.plusDays(2)));
        UUID matter = (UUID) hub.query("select matter_id from invoice where id = ?", soon).get(0).get("matter_id");
        Set<UUID> payers = clients(matter, "invoices");
        assertThat(payers).contains(userId(finance), userId(gc));

        Map<UUID, UUID> issued = fannedOut(one("invoice.issued", soon), payers, null);
        assertThat(delivery(issued.get(userId(gc)))).isEqualTo("weekly");
        assertThat(mailsOf(issued.values())).isNotEmpty().allSatisfy(mm -> assertThat(DigestWorkload.text(mm) + mm.getSubject())
                .doesNotContain("EVT-DUE-7").contains("/portal/invoices/" + soon));

        // With privileged content allowed, an invoice that is already overdue when it arrives: issued, then overdue
        // (critical: at once for the general counsel, who chose weekly), never "due".
        privileged(true);
        UUID late = synced(qbo, invoice(realm, job, "EVT-OVER-8", today.minusDays(6), today.minusDays(2)));
        fannedOut(one("invoice.issued", late), payers, null);
        // Several runs of the reminder job (scheduled every 400 ms, and by hand): one "due" for the first invoice, one
        // "overdue" for the other.
        for (int i = 0; i < 3; i++) {
            hub.bean(EventFanOut.class).raiseInvoiceReminders();
        }
        // ... and two more whole runs of the scheduled reminder job and fan-out (counted, not guessed).
        DigestWorkload.awaitTwoMoreTicks(() -> hub.management("/actuator/prometheus").body(), "notify-invoice-reminders",
                "notify-fan-out");
        fannedOut(one("invoice.due", soon), payers, null);
        Map<UUID, UUID> overdueNotes = fannedOut(one("invoice.overdue", late), payers, null);
        assertThat(delivery(overdueNotes.get(userId(gc)))).as("critical: at once though weekly was chosen").isEqualTo("immediate");
        assertThat(mailsOf(List.of(overdueNotes.get(userId(gc))))).singleElement()
                .satisfies(mm -> assertThat(DigestWorkload.text(mm)).contains("EVT-OVER-8"));
        hub.bean(EventFanOut.class).raiseInvoiceReminders();
        assertThat(eventsOf("invoice.due", late)).isEmpty();
        assertThat(eventsOf("invoice.overdue", soon)).isEmpty();
        assertThat(hub.count("select count(*) from notification_event where subject_id in (?, ?)", soon, late)).isEqualTo(4);
    }

    /** Polls QuickBooks until the invoice is in the portal; answers its id. */
    UUID synced(UUID qbo, String external) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            hub.bean(BillingSyncService.class).poll("quickbooks", hub.firmId(), qbo);
            return hub.count("select count(*) from invoice where connection_id = ? and external_id = ?", qbo, external) == 1;
        });
        return invoiceId(qbo, external);
    }

    @Test
    @Order(3)
    void aStatusChangeInClioReachesThoseWhoSeeTheMatter() throws Exception {
        privileged(false);
        var clio = hub.clio();
        long clioId = clio.data().matterIds().stream().filter(id -> {
            Map<String, Object> mm = clio.data().matter(id);
            @SuppressWarnings("unchecked") Map<String, Object> client = (Map<String, Object>) mm.get("client");
            return "Open".equals(mm.get("status")) && client != null && NORTHWIND.equals(client.get("name"));
        }).findFirst().orElseThrow();
        UUID matter = (UUID) hub.query("select local_id from external_ref where entity_type = 'matter' and external_id = ?",
                Long.toString(clioId)).get(0).get("local_id");
        clio.data().updateMatterStatus(clioId, "Pending");
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending".equals(hub.query("select status from matter where id = ?",
                matter).get(0).get("status")));
        Set<UUID> watchers = clients(matter, null);
        assertThat(watchers).doesNotContain(userId(finance));
        Map<UUID, UUID> notes = fannedOut(one("matter.status_changed", matter), watchers, null);
        assertThat(delivery(notes.get(userId(gc)))).isEqualTo("daily");
    }

    @Test
    @Order(4)
    void theHookRaisesASignatureRequestOnceAndItIsFannedOutLikeTheRest() throws Exception {
        UUID matter = (UUID) hub.query("select m.id from matter m where m.client_org_id = ? and m.deleted_at is null "
                + "order by m.display_number limit 1", org).get(0).get("id");
        Tenancy tenancy = hub.bean(Tenancy.class);
        TenantScope system = TenantScope.system(hub.firmId());
        UUID request = tenancy.write(system, () -> hub.jdbc().queryForObject("insert into signature_request (firm_id, "
                + "matter_id, title) values (?, ?, 'Share purchase agreement') returning id", UUID.class, hub.firmId(), matter));
        NewEvent event = new NewEvent("signature.requested", "signature_request", request, "", matter, null,
                "Your signature is requested: Share purchase agreement");
        NotificationEventRepository events = hub.bean(NotificationEventRepository.class);
        assertThat(tenancy.write(system, () -> events.raise(event))).isTrue();
        assertThat(tenancy.write(system, () -> events.raise(event))).as("raised once").isFalse();
        Map<UUID, UUID> notes = fannedOut(one("signature.requested", request), clients(matter, "signatures"), null);
        assertThat(notes.values()).allSatisfy(n -> assertThat(delivery(n)).isEqualTo("immediate"));
    }

    @Test
    @Order(5)
    void aClientsUploadIsActivityTheFirmsPeopleOnTheMatterHearOf() throws Exception {
        UUID matter = (UUID) hub.query("select m.id from matter m where m.client_org_id = ? and m.deleted_at is null "
                + "and lower(m.responsible_attorney_email) in (select lower(email) from portal_user where kind = 'firm') "
                + "order by m.display_number limit 1", org).get(0).get("id");
        String path = "/api/v1/matters/" + matter + "/documents";
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(hub.baseUrl() + path)).header("Authorization", "Bearer " + hub.token(gc))
                        .header("Content-Type", "multipart/form-data; boundary=" + DocumentUploadIT.BOUNDARY)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(DocumentUploadIT.multipart("board minutes.pdf",
                                "application/pdf", DocumentUploadIT.pdf("Board minutes"), Map.of()))).build(),
                HttpResponse.BodyHandlers.ofString());
        OpenApiContract.load().assertResponse("POST", path, null, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        UUID doc = UUID.fromString(JSON.readTree(response.body()).at("/document/id").asText());
        fannedOut(one("client.activity", doc), firmOn(matter), userId(gc));
        assertThat(eventsOf("document.published", doc)).as("the uploader's own document is no news to the clients").isEmpty();
    }

    // ------------------------------------------------------------------ the oracle

    /**
     * Client people of the organisation who may see this matter's section, from memberships and grants alone (what
     * V2's rules say, written again here): org admins; finance users for invoices; members granted the matter with the
     * scope (any grant when {@code scope} is null).
     */
    Set<UUID> clients(UUID matter, String scope) {
        Set<UUID> ids = new HashSet<>();
        hub.query("select u.id from portal_user u join membership ms on ms.user_id = u.id where ms.client_org_id = ? "
                + "and ms.revoked_at is null and u.status <> 'revoked' and (ms.role = 'org_admin' "
                + "or (ms.role = 'finance' and ?::text = 'invoices') or (ms.role = 'member' and exists (select 1 from matter_grant g "
                + "where g.user_id = u.id and g.matter_id = ? and g.revoked_at is null and (?::text is null or ?::text = any (g.scopes)))))",
                org, scope, matter, scope, scope).forEach(r -> ids.add((UUID) r.get("id")));
        return ids;
    }

    /** The firm's people responsible for the matter. */
    Set<UUID> firmOn(UUID matter) {
        Set<UUID> ids = new HashSet<>();
        hub.query("select u.id from portal_user u join matter m on lower(m.responsible_attorney_email) = lower(u.email) "
                + "where m.id = ? and u.kind = 'firm' and u.status <> 'revoked'", matter).forEach(r -> ids.add((UUID) r.get("id")));
        return ids;
    }

    /**
     * Waits for the event's fan-out and checks it: one notification per person of {@code audience} but the actor whose
     * choice does not turn it off, with the delivery their choice and the tier call for, nobody else; each immediate
     * one e-mailed exactly once to its person, no other one e-mailed. Answers recipient → notification.
     */
    Map<UUID, UUID> fannedOut(UUID event, Set<UUID> audience, UUID actor) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.count("select count(*) from notification_fanout "
                + "where subject_type = 'notification_event' and subject_id = ?", event) == 1);
        Kind kind = NotificationCategories.kind((String) hub.query("select kind from notification_event where id = ?", event)
                .get(0).get("kind"));
        Map<UUID, String> expected = new HashMap<>();
        for (UUID person : audience) {
            List<Map<String, Object>> chosen = hub.query("select delivery from notification_preference where user_id = ? "
                    + "and category = ?", person, kind.category());
            Delivery d = NotificationCategories.deliveryOf(kind, chosen.isEmpty() ? null
                    : Delivery.valueOf((String) chosen.get(0).get("delivery")));
            if (!person.equals(actor) && d != Delivery.off) {
                expected.put(person, d.name());
            }
        }
        List<Map<String, Object>> rows = hub.query("select id, recipient_user_id, delivery from notification where subject_id = ?", event);
        Map<UUID, String> got = new HashMap<>();
        Map<UUID, UUID> ids = new HashMap<>();
        rows.forEach(r -> {
            got.put((UUID) r.get("recipient_user_id"), (String) r.get("delivery"));
            ids.put((UUID) r.get("recipient_user_id"), (UUID) r.get("id"));
        });
        assertThat(rows).as("one notification per person of %s", kind.name()).hasSize(got.size());
        assertThat(got).as("who hears of %s, and how", kind.name()).isEqualTo(expected);
        assertThat(expected).as("the oracle names someone").isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.count("select count(*) from notification where subject_id = ? "
                + "and delivery = 'immediate' and emailed_at is null", event) == 0);
        // Two more whole runs of the outbox drain that sends the mails: nothing more may arrive.
        DigestWorkload.awaitTwoMoreTicks(() -> hub.management("/actuator/prometheus").body(), "engine-outbox-drain");
        for (var e : ids.entrySet()) {
            List<MimeMessage> sent = mailsOf(List.of(e.getValue()));
            String email = (String) hub.query("select email from portal_user where id = ?", e.getKey()).get(0).get("email");
            if ("immediate".equals(got.get(e.getKey()))) {
                assertThat(sent).as("mails of %s to %s", kind.name(), email).singleElement()
                        .satisfies(mm -> assertThat(DigestWorkload.to(mm)).isEqualToIgnoringCase(email));
            } else {
                assertThat(sent).as("no mail of a %s %s", got.get(e.getKey()), kind.name()).isEmpty();
            }
        }
        return ids;
    }

    List<MimeMessage> mailsOf(java.util.Collection<UUID> notifications) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            for (UUID n : notifications) {
                if (DigestWorkload.id(m).startsWith("<n." + n + "@")) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    UUID one(String kind, UUID subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !eventsOf(kind, subject).isEmpty());
        List<UUID> ids = eventsOf(kind, subject);
        assertThat(ids).as("%s of %s raised once", kind, subject).hasSize(1);
        return ids.get(0);
    }

    List<UUID> eventsOf(String kind, UUID subject) {
        return hub.query("select id from notification_event where kind = ? and subject_id = ?", kind, subject).stream()
                .map(r -> (UUID) r.get("id")).toList();
    }

    String delivery(UUID notification) {
        return (String) hub.query("select delivery from notification where id = ?", notification).get(0).get("delivery");
    }

    String person(String role) {
        return (String) hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "where m.client_org_id = ? and m.role = ? and m.revoked_at is null order by u.email limit 1", org, role)
                .get(0).get("email");
    }

    UUID userId(String email) {
        return (UUID) hub.query("select id from portal_user where lower(email) = lower(?)", email).get(0).get("id");
    }

    void choose(String email, String body) throws Exception {
        HttpResponse<String> r = hub.call("PUT", "/api/v1/me/notification-preferences", hub.token(email), body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    void privileged(boolean on) throws Exception {
        String admin = hub.token(ADMIN);
        JsonNode settings = JSON.readTree(hub.get("/api/v1/admin/firm/settings", admin).body());
        HttpResponse<String> r = hub.call("PUT", "/api/v1/admin/firm/settings", admin, "{\"showTimeEntries\":"
                + settings.get("showTimeEntries").asBoolean() + ",\"emailPrivilegedContent\":" + on + "}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    void poll() {
        hub.bean(DmsSyncService.class).poll("imanage", hub.firmId(), hub.connectionId("imanage"));
    }

    void publish(UUID doc) {
        HttpResponse<String> r = hub.call("POST", "/api/v1/staff/documents/" + doc + "/publication", hub.token(PARTNER), null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    void act(String email, UUID doc, String body) {
        HttpResponse<String> r = hub.call("POST", "/api/v1/documents/" + doc + "/actions", hub.token(email), body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    String state(UUID doc) {
        return (String) hub.query("select state from document where id = ?", doc).get(0).get("state");
    }

    /** The QuickBooks sub-customer (job) of a Northwind matter the portal holds. */
    String northwindJob(Map<String, String> jobs) {
        for (Map<String, Object> r : hub.query("select number from matter where client_org_id = ? and number is not null "
                + "and deleted_at is null order by display_number", org)) {
            for (var j : jobs.entrySet()) {
                if (j.getKey().replaceFirst("^0+", "").equals(((String) r.get("number")).replaceFirst("^0+", ""))) {
                    return j.getValue();
                }
            }
        }
        throw new AssertionError("no Northwind matter among the QuickBooks jobs " + jobs.keySet());
    }

    static String invoice(QboRealm realm, String job, String number, LocalDate issued, LocalDate due) {
        ObjectNode inv = JSON.createObjectNode();
        inv.putObject("CustomerRef").put("value", job);
        inv.put("DocNumber", number);
        inv.put("TxnDate", issued.toString());
        inv.put("DueDate", due.toString());
        ObjectNode line = inv.putArray("Line").addObject();
        line.put("Description", "Professional services");
        line.put("Amount", new BigDecimal("1200.00"));
        line.put("DetailType", "SalesItemLineDetail");
        line.putObject("SalesItemLineDetail").putObject("ItemRef").put("value", "1").put("name", "Services");
        return realm.create("Invoice", inv).path("Id").asText();
    }

    UUID invoiceId(UUID connection, String external) {
        return (UUID) hub.query("select id from invoice where connection_id = ? and external_id = ?", connection, external)
                .get(0).get("id");
    }
}
