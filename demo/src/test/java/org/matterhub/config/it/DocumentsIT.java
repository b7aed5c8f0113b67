package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.OpenApiContract;
import org.matterhub.routes.storage.DocumentBlobStore;
import org.matterhub.config.support.TestHub;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.DocumentRepository.NewDocument;
import org.matterhub.store.model.DocumentRepository.NewVersion;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Documents on the portal, through the real API over HTTP against the whole hub: what each kind of client user can
 * reach (a sweep over every document and version of the firm, by every read path), publication with and without a
 * second approval, withdrawal, the new-version rule, client actions with their write-back, search, and audit.
 * Document content lives in the demo's S3-compatible store (S3Proxy), encrypted, as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> CLIENT_STATES = DocumentRepository.CLIENT_VISIBLE_STATES;
    static final String PARTNER = "schen@harbourlaw.example";
    static final String ADMIN = "jwhitaker@harbourlaw.example";
    static final String STAFF = "aosei@harbourlaw.example";

    TestHub hub;
    OpenApiContract contract;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String gc;          // Northwind org admin
    String member;      // Northwind member, documents scope on m1
    String noDocs;      // Northwind member granted m1 without the documents scope
    String finance;     // Northwind finance user
    String otherOrg;    // Bluebird org admin
    Map<String, String> emailOf = new LinkedHashMap<>();
    UUID m1;
    UUID m2;
    UUID b1;

    UUID pub1;
    UUID internal1;
    UUID pending1;
    UUID unpub1;
    UUID deleted1;
    UUID pub2;
    UUID pubB;

    @BeforeAll
    void start() throws Exception {
        // The demo's documents stay out: this test builds its own fixture; bytes go to the demo's S3-compatible store.
        hub = TestHub.start(Map.of("matterhub.demo.documents", "false"));
        contract = OpenApiContract.load();
        String northwindAdmin = email("Northwind Holdings Ltd", "org_admin").get(0);
        String daniel = "daniel.okafor@northwind.example";
        String otherMember = email("Northwind Holdings Ltd", "member").stream().filter(e -> !e.equals(daniel)).findFirst().orElseThrow();
        String fin = email("Northwind Holdings Ltd", "finance").get(0);
        String bluebirdAdmin = email("Bluebird Ventures LLC", "org_admin").get(0);
        m1 = (UUID) hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id where u.email = ? "
                + "and 'documents' = any (g.scopes) and g.revoked_at is null order by g.matter_id limit 1", daniel).get(0).get("matter_id");
        m2 = (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id where o.name = 'Northwind Holdings Ltd' "
                + "and not exists (select 1 from matter_grant g join portal_user u on u.id = g.user_id where g.matter_id = m.id "
                + "and u.email = ?) order by m.id limit 1", daniel).get(0).get("id");
        b1 = (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id "
                + "where o.name = 'Bluebird Ventures LLC' order by m.id limit 1").get(0).get("id");
        // The second member holds m1 without the documents scope.
        system(() -> hub.jdbc().update("""
                insert into matter_grant (firm_id, user_id, matter_id, scopes)
                select ?, u.id, ?, array['invoices', 'messages'] from portal_user u where u.email = ?
                on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null
                """, hub.firmId(), m1, otherMember));
        system(() -> hub.jdbc().update("update matter_grant g set revoked_at = now() from portal_user u "
                + "where u.id = g.user_id and u.email = ? and g.matter_id <> ?", otherMember, m1));
        gc = hub.token(northwindAdmin);
        member = hub.token(daniel);
        noDocs = hub.token(otherMember);
        finance = hub.token(fin);
        otherOrg = hub.token(bluebirdAdmin);
        emailOf.put(gc, northwindAdmin);
        emailOf.put(member, daniel);
        emailOf.put(noDocs, otherMember);
        emailOf.put(finance, fin);
        emailOf.put(otherOrg, bluebirdAdmin);

        // m1: a published document whose v2 was never published (v2 and v3 arrived while it was in review)
        pub1 = seed(m1, "Share purchase agreement", "pending_review", "alphaone completion mechanics");
        publish(pub1, PARTNER);
        addVersion(pub1, "draftsecret warranty schedule");
        addVersion(pub1, "alphathree completion accounts");
        publish(pub1, PARTNER);
        internal1 = seed(m1, "Internal strategy memo", "internal", "internalsecret settlement floor");
        pending1 = seed(m1, "Disclosure letter", "pending_review", "pendingsecret one", "pendingsecret two");
        unpub1 = seed(m1, "Withdrawn side letter", "pending_review", "unpubsecret side letter");
        publish(unpub1, PARTNER);
        assertThat(hub.call("DELETE", "/api/v1/staff/documents/" + unpub1 + "/publication", hub.token(PARTNER), null, null)
                .statusCode()).isEqualTo(200);
        deleted1 = seed(m1, "Deleted engagement letter", "pending_review", "deletedsecret engagement");
        publish(deleted1, PARTNER);
        system(() -> hub.jdbc().update("update document set deleted_at = now() where id = ?", deleted1));
        pub2 = seed(m2, "Board minutes", "pending_review", "betatwo board resolution");
        publish(pub2, PARTNER);
        pubB = seed(b1, "Bluebird term sheet", "pending_review", "bluebirdsecret gamma valuation");
        publish(pubB, PARTNER);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    // ------------------------------------------------------------------ the sweep

    @Test
    void theFixtureMeansSomething() throws Exception {
        assertThat(state(pub1)).isEqualTo("published");
        assertThat(hub.query("select version_number, published from document_version where document_id = ? order by 1", pub1))
                .extracting(r -> r.get("published")).containsExactly(true, false, true);
        assertThat(state(unpub1)).isEqualTo("unpublished");
        // Staff see what clients must not: the sweep below is not vacuous.
        String partner = hub.token(PARTNER);
        for (UUID id : List.of(internal1, pending1, unpub1)) {
            assertThat(hub.get("/api/v1/documents/" + id, partner).statusCode()).isEqualTo(200);
            assertThat(download(id, 1, partner, Map.of()).statusCode()).isEqualTo(200);
        }
        assertThat(download(pub1, 2, partner, Map.of()).statusCode()).isEqualTo(200);
        assertThat(hits("draftsecret", partner)).containsExactly(pub1);
        assertThat(hits("internalsecret", partner)).containsExactly(internal1);
    }

    @Test
    void noClientCallReachesAnInternalPendingOrUnpublishedDocumentOrVersion() throws Exception {
        List<Map<String, Object>> docs = hub.query("select id, matter_id, state, deleted_at from document");
        List<Map<String, Object>> versions = hub.query("select document_id, version_number, published from document_version");
        int reached = 0;
        int refused = 0;
        for (String token : List.of(gc, member, noDocs, finance, otherOrg)) {
            Set<UUID> docMatters = documentMatters(emailOf.get(token));
            for (Map<String, Object> d : docs) {
                UUID id = (UUID) d.get("id");
                boolean visible = CLIENT_STATES.contains((String) d.get("state")) && d.get("deleted_at") == null
                        && docMatters.contains((UUID) d.get("matter_id"));
                String who = emailOf.get(token) + " on " + d.get("state") + " document " + id;
                assertThat(hub.get("/api/v1/documents/" + id, token).statusCode()).as(who).isEqualTo(visible ? 200 : 404);
                HttpResponse<String> listed = hub.get("/api/v1/documents/" + id + "/versions", token);
                assertThat(listed.statusCode()).as(who).isEqualTo(visible ? 200 : 404);
                Set<Integer> publishedNumbers = new HashSet<>();
                versions.stream().filter(v -> id.equals(v.get("document_id")) && Boolean.TRUE.equals(v.get("published")))
                        .forEach(v -> publishedNumbers.add((Integer) v.get("version_number")));
                if (visible) {
                    Set<Integer> shown = new HashSet<>();
                    JSON.readTree(listed.body()).get("items").forEach(v -> shown.add(v.get("versionNumber").asInt()));
                    assertThat(shown).as(who).isEqualTo(publishedNumbers);
                    JsonNode view = JSON.readTree(hub.get("/api/v1/documents/" + id, token).body());
                    assertThat(view.has("publication")).isFalse();
                    if (!publishedNumbers.isEmpty()) {
                        assertThat(view.get("latestVersion").asInt()).isEqualTo(publishedNumbers.stream().max(Integer::compare).orElseThrow());
                    }
                } else {
                    assertThat(hub.call("POST", "/api/v1/documents/" + id + "/actions", token, "{\"action\":\"approve\"}",
                            "application/json").statusCode()).as(who).isEqualTo(404);
                }
                for (int n = 1; n <= 4; n++) {
                    boolean versionVisible = visible && publishedNumbers.contains(n);
                    for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Range", "bytes=0-0"),
                            Map.of("Range", "bytes=-1"), Map.of("Range", "bytes=99999-"))) {
                        int status = download(id, n, token, headers).statusCode();
                        String what = who + " v" + n + " " + headers;
                        if (versionVisible) {
                            assertThat(status).as(what).isIn(200, 206, 416);
                            reached++;
                        } else {
                            assertThat(status).as(what).isEqualTo(404);
                            refused++;
                        }
                    }
                }
            }
            // Guessed and malformed ids answer like unknown ones.
            for (String guess : List.of(UUID.randomUUID().toString(), "1", "not-a-uuid", "00000000-0000-0000-0000-000000000000")) {
                assertThat(hub.get("/api/v1/documents/" + guess, token).statusCode()).isEqualTo(404);
                assertThat(download(guess, "1", token, Map.of()).statusCode()).isEqualTo(404);
            }
            assertThat(download(pub1.toString(), "x", token, Map.of()).statusCode()).isEqualTo(404);
            assertThat(download(pub1.toString(), "0", token, Map.of()).statusCode()).isEqualTo(404);
            assertThat(download(pub1.toString(), "-1", token, Map.of()).statusCode()).isEqualTo(404);

            // Lists and the merged matter view show exactly the visible documents.
            for (UUID matter : List.of(m1, m2, b1)) {
                Set<UUID> expected = new HashSet<>();
                docs.stream().filter(d -> matter.equals(d.get("matter_id")) && CLIENT_STATES.contains((String) d.get("state"))
                        && d.get("deleted_at") == null && docMatters.contains(matter)).forEach(d -> expected.add((UUID) d.get("id")));
                HttpResponse<String> list = hub.get("/api/v1/matters/" + matter + "/documents?limit=200", token);
                HttpResponse<String> view = hub.get("/api/v1/matters/" + matter, token);
                if (list.statusCode() == 404) {
                    assertThat(expected).isEmpty();
                    assertThat(view.statusCode()).isEqualTo(404);
                    continue;
                }
                assertThat(ids(JSON.readTree(list.body()).get("items"), "id")).as(emailOf.get(token) + " lists " + matter)
                        .isEqualTo(expected);
                assertThat(ids(JSON.readTree(view.body()).get("documents"), "id")).isEqualTo(expected);
            }
            // Search finds no secret, and only visible text.
            for (String secret : List.of("internalsecret", "pendingsecret", "unpubsecret", "deletedsecret", "draftsecret")) {
                assertThat(hits(secret, token)).as(emailOf.get(token) + " searching " + secret).isEmpty();
            }
            assertThat(hits("alphaone", token)).isEqualTo(docMatters.contains(m1) ? Set.of(pub1) : Set.of());
            assertThat(hits("betatwo", token)).isEqualTo(docMatters.contains(m2) ? Set.of(pub2) : Set.of());
            assertThat(hits("bluebirdsecret", token)).isEqualTo(docMatters.contains(b1) ? Set.of(pubB) : Set.of());
        }
        assertThat(reached).isGreaterThan(0);
        assertThat(refused).isGreaterThan(reached);
    }

    // ------------------------------------------------------------------ content and Range

    @Test
    void contentStreamsWholeOrByRange() throws Exception {
        byte[] v3 = content(pub1, 3, "alphathree completion accounts");
        HttpResponse<byte[]> whole = download(pub1, 3, gc, Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(v3);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> first = download(pub1, 3, gc, Map.of("Range", "bytes=0-4"));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(java.util.Arrays.copyOfRange(v3, 0, 5));
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-4/" + v3.length);

        HttpResponse<byte[]> tail = download(pub1, 3, gc, Map.of("Range", "bytes=-6"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(v3, v3.length - 6, v3.length));

        HttpResponse<byte[]> open = download(pub1, 3, gc, Map.of("Range", "bytes=10-"));
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(java.util.Arrays.copyOfRange(v3, 10, v3.length));
        assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 10-" + (v3.length - 1) + "/" + v3.length);

        HttpResponse<byte[]> beyondEnd = download(pub1, 3, gc, Map.of("Range", "bytes=5-100000"));
        assertThat(beyondEnd.statusCode()).isEqualTo(206);
        assertThat(beyondEnd.body()).isEqualTo(java.util.Arrays.copyOfRange(v3, 5, v3.length));

        HttpResponse<byte[]> unsatisfiable = download(pub1, 3, gc, Map.of("Range", "bytes=" + v3.length + "-"));
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */" + v3.length);
        assertThat(JSON.readTree(unsatisfiable.body()).get("title").asText()).isEqualTo("Range not satisfiable");

        // Several ranges, another unit, nonsense, or a stale If-Range: the whole content.
        for (Map<String, String> h : List.of(Map.of("Range", "bytes=0-1,4-5"), Map.of("Range", "items=0-1"),
                Map.of("Range", "bytes=5-2"), Map.of("Range", "bytes=abc"), Map.of("Range", "bytes=0-1", "If-Range", "\"stale\""))) {
            HttpResponse<byte[]> r = download(pub1, 3, gc, h);
            assertThat(r.statusCode()).as(h.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(v3);
        }
        assertThat(download(pub1, 3, gc, Map.of("Range", "bytes=0-1", "If-Range", etag)).statusCode()).isEqualTo(206);
        // An older published version stays downloadable.
        assertThat(download(pub1, 1, member, Map.of()).body()).isEqualTo(content(pub1, 1, "alphaone completion mechanics"));
    }

    // ------------------------------------------------------------------ publication

    @Test
    void withASecondApprovalRequiredTwoDifferentStaffUsersPublish() throws Exception {
        UUID doc = seed(m1, "Completion statement", "pending_review", "secondapproval statement");
        setSecondApproval(true);
        try {
            String partner = hub.token(PARTNER);
            String admin = hub.token(ADMIN);
            HttpResponse<String> first = hub.call("POST", "/api/v1/staff/documents/" + doc + "/publication", partner, null, null);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            JsonNode firstView = JSON.readTree(first.body());
            assertThat(firstView.get("state").asText()).isEqualTo("pending_review");
            assertThat(firstView.get("publication").get("requiresSecondApproval").asBoolean()).isTrue();
            assertThat(firstView.get("publication").get("requestedBy").asText()).isEqualTo(userId(PARTNER).toString());
            assertThat(hub.get("/api/v1/documents/" + doc, gc).statusCode()).isEqualTo(404);
            assertThat(ids(JSON.readTree(hub.get("/api/v1/staff/documents?state=pending_review&limit=200", admin).body())
                    .get("items"), "id")).contains(doc);

            HttpResponse<String> again = hub.call("POST", "/api/v1/staff/documents/" + doc + "/publication", partner, null, null);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(again.body()).get("title").asText()).isEqualTo("Second approval required");
            assertThat(hub.get("/api/v1/documents/" + doc, gc).statusCode()).isEqualTo(404);

            HttpResponse<String> second = hub.call("POST", "/api/v1/staff/documents/" + doc + "/publication", admin, null, null);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            JsonNode published = JSON.readTree(second.body());
            assertThat(published.get("state").asText()).isEqualTo("published");
            assertThat(published.get("publication").get("approvedBy").asText()).isEqualTo(userId(ADMIN).toString());
            assertThat(published.get("publication").get("publishedBy").asText()).isEqualTo(userId(ADMIN).toString());
            assertThat(hub.get("/api/v1/documents/" + doc, gc).statusCode()).isEqualTo(200);
            assertThat(ids(JSON.readTree(hub.get("/api/v1/staff/documents?state=pending_review&limit=200", admin).body())
                    .get("items"), "id")).doesNotContain(doc);
            assertThat(audited("document.publication_requested", doc, PARTNER)).isEqualTo(1);
            assertThat(audited("document.published", doc, ADMIN)).isEqualTo(1);

            // A first approval can be withdrawn; the document stays in review.
            UUID other = seed(m1, "Escrow letter", "pending_review", "escrow");
            assertThat(hub.call("POST", "/api/v1/staff/documents/" + other + "/publication", partner, null, null).statusCode()).isEqualTo(202);
            HttpResponse<String> withdrawn = hub.call("DELETE", "/api/v1/staff/documents/" + other + "/publication", partner, null, null);
            assertThat(withdrawn.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(withdrawn.body()).get("publication").has("requestedBy")).isFalse();
            assertThat(hub.call("POST", "/api/v1/staff/documents/" + other + "/publication", partner, null, null).statusCode()).isEqualTo(202);
        } finally {
            setSecondApproval(false);
        }
    }

    @Test
    void theDatabaseRefusesTheSamePersonAsBothApprovers() {
        UUID doc = seed(m1, "Four eyes", "pending_review", "foureyes");
        UUID partner = userId(PARTNER);
        Throwable refused = null;
        try {
            system(() -> hub.jdbc().update("update document set publication_requested_by = ?, approved_by = ? where id = ?",
                    partner, partner, doc));
        } catch (RuntimeException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("document_second_approval_by_another");
    }

    @Test
    void unpublishingWithdrawsAccessAtOnce() throws Exception {
        UUID doc = seed(m1, "Heads of terms", "pending_review", "headsofterms exclusivity");
        publish(doc, PARTNER);
        assertThat(hub.get("/api/v1/documents/" + doc, member).statusCode()).isEqualTo(200);
        assertThat(download(doc, 1, member, Map.of()).statusCode()).isEqualTo(200);
        assertThat(hits("headsofterms", member)).containsExactly(doc);

        HttpResponse<String> withdrawn = hub.call("DELETE", "/api/v1/staff/documents/" + doc + "/publication",
                hub.token(STAFF.equals(responsible(m1)) ? STAFF : PARTNER), null, null);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(JSON.readTree(withdrawn.body()).get("state").asText()).isEqualTo("unpublished");
        assertThat(hub.get("/api/v1/documents/" + doc, member).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/documents/" + doc + "/versions", member).statusCode()).isEqualTo(404);
        assertThat(download(doc, 1, member, Map.of()).statusCode()).isEqualTo(404);
        assertThat(download(doc, 1, member, Map.of("Range", "bytes=0-3")).statusCode()).isEqualTo(404);
        assertThat(hits("headsofterms", member)).isEmpty();
        assertThat(ids(JSON.readTree(hub.get("/api/v1/matters/" + m1 + "/documents?limit=200", member).body()).get("items"), "id"))
                .doesNotContain(doc);
        assertThat(audited("document.unpublished", doc, null)).isEqualTo(1);
        // ... and it can be published again.
        publish(doc, PARTNER);
        assertThat(hub.get("/api/v1/documents/" + doc, member).statusCode()).isEqualTo(200);
    }

    @Test
    void illegalPublicationTransitionsAnswer409AndClientsCannotPublish() throws Exception {
        String partner = hub.token(PARTNER);
        assertThat(problemTitle(hub.call("POST", "/api/v1/staff/documents/" + internal1 + "/publication", partner, null, null), 409))
                .isEqualTo("Not a portal candidate");
        assertThat(problemTitle(hub.call("POST", "/api/v1/staff/documents/" + pub1 + "/publication", partner, null, null), 409))
                .isEqualTo("Already published");
        assertThat(problemTitle(hub.call("DELETE", "/api/v1/staff/documents/" + internal1 + "/publication", partner, null, null), 409))
                .isEqualTo("Not published");
        UUID empty = seed(m1, "No versions yet", "pending_review");
        assertThat(problemTitle(hub.call("POST", "/api/v1/staff/documents/" + empty + "/publication", partner, null, null), 409))
                .isEqualTo("No version to publish");
        assertThat(hub.call("POST", "/api/v1/staff/documents/" + UUID.randomUUID() + "/publication", partner, null, null)
                .statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", "/api/v1/staff/documents/not-a-uuid/publication", partner, null, null).statusCode()).isEqualTo(404);
        for (String client : List.of(gc, member, finance, otherOrg)) {
            assertThat(hub.call("POST", "/api/v1/staff/documents/" + pending1 + "/publication", client, null, null).statusCode())
                    .isEqualTo(403);
            assertThat(hub.call("DELETE", "/api/v1/staff/documents/" + pub1 + "/publication", client, null, null).statusCode())
                    .isEqualTo(403);
            assertThat(hub.get("/api/v1/staff/documents?state=pending_review", client).statusCode()).isEqualTo(403);
        }
        assertThat(problemTitle(off("GET", "/api/v1/staff/documents?state=bogus", partner, null), 400)).isEqualTo("Invalid input");
        assertThat(state(pending1)).isEqualTo("pending_review");
    }

    @Test
    void staffActOnlyOnDocumentsOfMattersTheySee() throws Exception {
        String staff = hub.token(STAFF);
        Set<UUID> assigned = new HashSet<>();
        hub.query("select id from matter where lower(responsible_attorney_email) = ?", STAFF).forEach(r -> assigned.add((UUID) r.get("id")));
        UUID theirs = assigned.iterator().next();
        UUID notTheirs = hub.query("select id from matter where lower(coalesce(responsible_attorney_email, '')) <> ? limit 1", STAFF)
                .stream().map(r -> (UUID) r.get("id")).findFirst().orElseThrow();
        UUID mine = seed(theirs, "Assigned matter memo", "pending_review", "assignedmemo");
        UUID foreign = seed(notTheirs, "Unassigned matter memo", "pending_review", "unassignedmemo");
        Set<UUID> queue = ids(JSON.readTree(hub.get("/api/v1/staff/documents?state=pending_review&limit=200", staff).body())
                .get("items"), "id");
        assertThat(queue).contains(mine).doesNotContain(foreign);
        assertThat(hub.get("/api/v1/documents/" + foreign, staff).statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", "/api/v1/staff/documents/" + foreign + "/publication", staff, null, null).statusCode()).isEqualTo(404);
        assertThat(hits("unassignedmemo", staff)).isEmpty();
        assertThat(hub.call("POST", "/api/v1/staff/documents/" + mine + "/publication", staff, null, null).statusCode()).isEqualTo(200);
        assertThat(state(foreign)).isEqualTo("pending_review");
    }

    // ------------------------------------------------------------------ the new-version rule (the sync's method)

    @Test
    void aNewVersionSendsAPublishedDocumentBackToReviewUnlessTheMatterAutoPublishes() throws Exception {
        UUID doc = seed(m1, "Disclosure bundle", "pending_review", "bundle first");
        publish(doc, PARTNER);
        assertThat(JSON.readTree(hub.get("/api/v1/documents/" + doc, member).body()).get("latestVersion").asInt()).isEqualTo(1);
        var outcome = addVersion(doc, "bundle second");
        assertThat(outcome.stateBefore()).isEqualTo("published");
        assertThat(outcome.stateAfter()).isEqualTo("pending_review");
        assertThat(outcome.published()).isFalse();
        assertThat(hub.get("/api/v1/documents/" + doc, member).statusCode()).isEqualTo(404);
        assertThat(download(doc, 1, member, Map.of()).statusCode()).isEqualTo(404);
        assertThat(ids(JSON.readTree(hub.get("/api/v1/staff/documents?state=pending_review&limit=200", hub.token(PARTNER)).body())
                .get("items"), "id")).contains(doc);
        publish(doc, PARTNER);
        assertThat(JSON.readTree(hub.get("/api/v1/documents/" + doc, member).body()).get("latestVersion").asInt()).isEqualTo(2);

        // A client's approval concerned the previous version; with auto-publish the new one replaces it at once.
        assertThat(hub.call("POST", "/api/v1/documents/" + doc + "/actions", member, "{\"action\":\"approve\"}", "application/json")
                .statusCode()).isEqualTo(200);
        system(() -> {
            hub.bean(DocumentRepository.class).setAutoPublish(m1, true);
            return null;
        });
        try {
            var auto = addVersion(doc, "bundle third");
            assertThat(auto.stateBefore()).isEqualTo("client_approved");
            assertThat(auto.stateAfter()).isEqualTo("published");
            assertThat(auto.published()).isTrue();
            JsonNode view = JSON.readTree(hub.get("/api/v1/documents/" + doc, member).body());
            assertThat(view.get("state").asText()).isEqualTo("published");
            assertThat(view.get("latestVersion").asInt()).isEqualTo(3);
            assertThat(download(doc, 3, member, Map.of()).body()).isEqualTo(content(doc, 3, "bundle third"));
        } finally {
            system(() -> {
                hub.bean(DocumentRepository.class).setAutoPublish(m1, false);
                return null;
            });
        }
        // A version arriving while a document is in review keeps it there and voids a pending first approval.
        var inReview = addVersion(pending1, "pendingsecret three");
        assertThat(inReview.stateAfter()).isEqualTo("pending_review");
        assertThat(inReview.versionNumber()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ client actions

    @Test
    void clientActionsMoveTheStateAndAreWrittenBackTimelinedAndAudited() throws Exception {
        UUID dms = system(() -> hub.jdbc().queryForObject("insert into connection (firm_id, vendor, display_name, base_url, status) "
                + "values (?, 'imanage', 'iManage (documents test)', 'http://127.0.0.1:9', 'paused') returning id", UUID.class, hub.firmId()));
        UUID clio = (UUID) hub.query("select source_connection_id from matter where id = ?", m1).get(0).get("source_connection_id");
        UUID doc = system(() -> hub.bean(DocumentRepository.class).create(
                new NewDocument(m1, "Draft facility agreement", "contracts", "pending_review", "imanage", dms, "Client Portal")));
        addVersion(doc, "facility agreement text");
        publish(doc, PARTNER);
        String path = "/api/v1/documents/" + doc + "/actions";

        HttpResponse<String> approved = hub.call("POST", path, member, "{\"action\":\"approve\"}", "application/json");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).get("state").asText()).isEqualTo("client_approved");
        assertThat(problemTitle(hub.call("POST", path, member, "{\"action\":\"approve\"}", "application/json"), 409))
                .isEqualTo("Illegal transition");

        assertThat(hub.call("POST", path, gc, "{\"action\":\"request_changes\"}", "application/json").statusCode()).isEqualTo(422);
        assertThat(hub.call("POST", path, gc, "{\"action\":\"request_changes\",\"comment\":\"   \"}", "application/json").statusCode())
                .isEqualTo(422);
        HttpResponse<String> changes = hub.call("POST", path, gc,
                "{\"action\":\"request_changes\",\"comment\":\"Clause 4.2 should cap fees at 2%.\"}", "application/json");
        assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
        JsonNode changed = JSON.readTree(changes.body());
        assertThat(changed.get("state").asText()).isEqualTo("changes_requested");
        assertThat(changed.get("actions")).hasSize(2);
        assertThat(changed.get("actions").get(1).get("comment").asText()).isEqualTo("Clause 4.2 should cap fees at 2%.");

        // Bad input, and callers who may not act.
        assertThat(off("POST", path, gc, "{\"action\":\"sign\"}").statusCode()).isEqualTo(400);
        assertThat(off("POST", path, gc, "{\"action\":\"close\",\"extra\":1}").statusCode()).isEqualTo(400);
        assertThat(off("POST", path, gc, "{}").statusCode()).isEqualTo(422);
        assertThat(off("POST", path, gc, "{\"action\":\"close\",\"comment\":\"" + "x".repeat(4001) + "\"}")
                .statusCode()).isEqualTo(422);
        assertThat(hub.call("POST", path, noDocs, "{\"action\":\"close\"}", "application/json").statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", path, finance, "{\"action\":\"close\"}", "application/json").statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", path, otherOrg, "{\"action\":\"close\"}", "application/json").statusCode()).isEqualTo(404);
        assertThat(hub.call("POST", path, hub.token(PARTNER), "{\"action\":\"close\"}", "application/json").statusCode()).isEqualTo(403);

        HttpResponse<String> closed = hub.call("POST", path, member, "{\"action\":\"close\"}", "application/json");
        assertThat(JSON.readTree(closed.body()).get("state").asText()).isEqualTo("closed");
        assertThat(problemTitle(hub.call("POST", path, member, "{\"action\":\"approve\"}", "application/json"), 409))
                .isEqualTo("Illegal transition");
        assertThat(state(doc)).isEqualTo("closed");

        // Three actions recorded, each written back to the DMS and to Clio in its own transaction's outbox rows.
        assertThat(hub.query("select action from document_action where document_id = ? order by created_at", doc))
                .extracting(r -> r.get("action")).containsExactly("approve", "request_changes", "close");
        List<Map<String, Object>> outbox = hub.query("select connection_id, payload->>'target' as target, payload->>'action' as action, "
                + "payload->>'comment' as comment from outbox where kind = 'document.action' and aggregate_id = ? order by id", doc);
        assertThat(outbox).hasSize(6);
        assertThat(outbox).extracting(r -> r.get("target")).containsExactly("dms", "practice_management", "dms",
                "practice_management", "dms", "practice_management");
        assertThat(outbox).extracting(r -> r.get("connection_id")).containsExactly(dms, clio, dms, clio, dms, clio);
        assertThat(outbox.get(2).get("comment")).isEqualTo("Clause 4.2 should cap fees at 2%.");

        // The matter's timeline shows them to both sides.
        for (String token : List.of(gc, hub.token(PARTNER))) {
            JsonNode timeline = JSON.readTree(hub.get("/api/v1/matters/" + m1, token).body()).get("timeline");
            List<String> titles = new ArrayList<>();
            timeline.forEach(t -> titles.add(t.get("title").asText()));
            assertThat(titles).contains("Client approved “Draft facility agreement”",
                    "Client requested changes to “Draft facility agreement”", "Client closed “Draft facility agreement”");
        }
        assertThat(audited("document.action", doc, emailOf.get(member))).isEqualTo(2);
        assertThat(audited("document.action", doc, emailOf.get(gc))).isEqualTo(1);
    }

    @Test
    void clientsCannotChangeDocumentsBehindTheApisBack() {
        // Row-level security and the document guard hold even for SQL the API never sends.
        UUID gcId = userId(emailOf.get(gc));
        TenantScope client = TenantScope.client(hub.firmId(), gcId);
        Tenancy tenancy = hub.bean(Tenancy.class);
        assertThat(tenancy.write(client, () -> hub.jdbc().update("update document set state = 'published' where id = ?", pending1)))
                .isZero();
        assertThat(tenancy.write(client, () -> hub.jdbc().update("update document set state = 'closed' where id = ?", internal1)))
                .isZero();
        Throwable retitle = catching(() -> tenancy.write(client,
                () -> hub.jdbc().update("update document set title = 'pwned' where id = ?", pub1)));
        assertThat(retitle).isNotNull();
        Throwable republish = catching(() -> tenancy.write(client,
                () -> hub.jdbc().update("update document set state = 'pending_review' where id = ?", pub1)));
        assertThat(republish).isNotNull();
        assertThat(tenancy.write(client,
                () -> hub.jdbc().update("update document_version set published = true where document_id = ?", pub1))).isZero();
        assertThat(hub.count("select count(*) from document_version where document_id = ? and not published", pub1)).isEqualTo(1);
        Throwable foreignAction = catching(() -> tenancy.write(client, () -> hub.jdbc().update(
                "insert into document_action (firm_id, document_id, user_id, action) values (?, ?, ?, 'approve')",
                hub.firmId(), pending1, gcId)));
        assertThat(foreignAction).isNotNull();
        assertThat(state(pub1)).isEqualTo("published");
    }

    // ------------------------------------------------------------------ search

    @Test
    void searchRanksTitleAndFrequentMatchesFirstAndKeepsIsolation() throws Exception {
        UUID strong = seed(m1, "Indemnity deed", "pending_review",
                "indemnity indemnity indemnity: the indemnity given by the seller covers tax indemnity claims");
        UUID weak = seed(m1, "Completion checklist", "pending_review",
                "items to deliver at completion, including a signed copy of the deed of indemnity among many other items");
        UUID hidden = seed(m1, "Indemnity negotiation notes", "pending_review", "indemnity indemnity internal notes");
        UUID foreign = seed(b1, "Bluebird indemnity letter", "pending_review", "indemnity for bluebird");
        publish(strong, PARTNER);
        publish(weak, PARTNER);
        publish(foreign, PARTNER);
        HttpResponse<String> r = hub.get("/api/v1/search?q=indemnity", gc);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(r.body()).get("items");
        List<UUID> order = new ArrayList<>();
        items.forEach(i -> order.add(UUID.fromString(i.get("documentId").asText())));
        assertThat(order).containsSubsequence(strong, weak).doesNotContain(hidden, foreign);
        assertThat(items.get(order.indexOf(strong)).get("rank").asDouble())
                .isGreaterThan(items.get(order.indexOf(weak)).get("rank").asDouble());
        assertThat(items.get(order.indexOf(strong)).get("snippet").asText()).contains("**indemnity**");
        assertThat(items.get(order.indexOf(strong)).get("matterId").asText()).isEqualTo(m1.toString());
        assertThat(hits("indemnity", otherOrg)).contains(foreign).doesNotContain(strong, weak, hidden);
        assertThat(hits("indemnity", hub.token(PARTNER))).contains(strong, weak, hidden, foreign);
        // Phrases and exclusions through websearch syntax; stop words alone find nothing.
        assertThat(hits("\"tax indemnity\"", gc)).containsExactly(strong);
        assertThat(hits("indemnity -seller", gc)).contains(weak).doesNotContain(strong);
        assertThat(hits("the", gc)).isEmpty();
        // Bad input.
        assertThat(problemTitle(off("GET", "/api/v1/search?q=", gc, null), 400)).isEqualTo("Invalid input");
        assertThat(problemTitle(off("GET", "/api/v1/search", gc, null), 400)).isEqualTo("Invalid input");
        assertThat(problemTitle(off("GET", "/api/v1/search?q=" + "a".repeat(201), gc, null), 400)).isEqualTo("Invalid input");
        assertThat(off("GET", "/api/v1/search?q=x&limit=0", gc, null).statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/search?q=" + enc("'); drop table document; --"), gc).statusCode()).isEqualTo(200);
        assertThat(audited("document.searched", null, emailOf.get(gc))).isGreaterThanOrEqualTo(1);
    }

    // ------------------------------------------------------------------ audit

    @Test
    void viewsDownloadsAndListsAreAuditedInAnIntactChain() throws Exception {
        String who = emailOf.get(member);
        long views = audited("document.viewed", pub1, who);
        long downloads = audited("document.downloaded", pub1, who);
        assertThat(hub.get("/api/v1/documents/" + pub1, member).statusCode()).isEqualTo(200);
        assertThat(download(pub1, 3, member, Map.of("Range", "bytes=0-2")).statusCode()).isEqualTo(206);
        assertThat(hub.get("/api/v1/documents/" + pub1 + "/versions", member).statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/matters/" + m1 + "/documents", member).statusCode()).isEqualTo(200);
        assertThat(audited("document.viewed", pub1, who)).isEqualTo(views + 1);
        assertThat(audited("document.downloaded", pub1, who)).isEqualTo(downloads + 1);
        assertThat(hub.query("select details->>'range' as range from audit_event where action = 'document.downloaded' "
                + "and subject_id = ? order by id desc limit 1", pub1.toString()).get(0).get("range")).asString().startsWith("0-2/");
        assertThat(audited("document.versions_viewed", pub1, who)).isGreaterThanOrEqualTo(1);
        assertThat(audited("document.published", pub1, PARTNER)).isEqualTo(2);
        assertThat(audited("document.unpublished", unpub1, PARTNER)).isEqualTo(1);
        // A refused read is not a view.
        long before = audited("document.viewed", internal1, who);
        assertThat(hub.get("/api/v1/documents/" + internal1, member).statusCode()).isEqualTo(404);
        assertThat(audited("document.viewed", internal1, who)).isEqualTo(before);
        assertThat(system(() -> hub.bean(AuditLog.class).verifyChain())).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    List<String> email(String org, String role) {
        List<String> out = new ArrayList<>();
        hub.query("select u.email from membership m join portal_user u on u.id = m.user_id join client_org o on o.id = m.client_org_id "
                + "where o.name = ? and m.role = ? and m.revoked_at is null order by u.email", org, role)
                .forEach(r -> out.add((String) r.get("email")));
        return out;
    }

    /** The matters whose documents a client may see, by the rules of DESIGN §3 written out independently of RLS. */
    Set<UUID> documentMatters(String email) {
        Set<UUID> out = new HashSet<>();
        hub.query("""
                select m.id from matter m join membership ms on ms.client_org_id = m.client_org_id
                  join portal_user u on u.id = ms.user_id
                 where u.email = ? and ms.revoked_at is null and u.status <> 'revoked'
                   and (ms.role = 'org_admin'
                        or (ms.role = 'member' and exists (select 1 from matter_grant g where g.user_id = u.id
                             and g.matter_id = m.id and g.revoked_at is null and 'documents' = any (g.scopes))))
                """, email).forEach(r -> out.add((UUID) r.get("id")));
        return out;
    }

    <T> T system(Supplier<T> work) {
        return hub.bean(Tenancy.class).write(TenantScope.system(hub.firmId()), work);
    }

    UUID seed(UUID matter, String title, String state, String... versionTexts) {
        UUID id = system(() -> hub.bean(DocumentRepository.class).create(
                new NewDocument(matter, title, "correspondence", state, "portal", null, null)));
        for (String text : versionTexts) {
            addVersion(id, text);
        }
        return id;
    }

    DocumentRepository.VersionOutcome addVersion(UUID doc, String text) {
        return system(() -> {
            int next = hub.jdbc().queryForObject("select coalesce(max(version_number), 0) + 1 from document_version where document_id = ?",
                    Integer.class, doc);
            byte[] bytes = content(doc, next, text);
            String key = "documents/" + doc + "/v" + next;
            hub.bean(DocumentBlobStore.class).put(TenantScope.system(hub.firmId()), key, new java.io.ByteArrayInputStream(bytes), bytes.length);
            return hub.bean(DocumentRepository.class).addVersion(doc, new NewVersion("v" + next + ".txt", "text/plain",
                    (long) bytes.length, key, sha256(bytes), text));
        });
    }

    static byte[] content(UUID doc, int version, String text) {
        return ("Document " + doc + ", version " + version + ":\n" + text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    void publish(UUID doc, String staffEmail) {
        HttpResponse<String> r = hub.call("POST", "/api/v1/staff/documents/" + doc + "/publication", hub.token(staffEmail), null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    void setSecondApproval(boolean on) {
        system(() -> {
            hub.bean(DocumentRepository.class).setRequiresSecondApproval(on);
            return null;
        });
    }

    String state(UUID doc) {
        return (String) hub.query("select state from document where id = ?", doc).get(0).get("state");
    }

    String responsible(UUID matter) {
        return (String) hub.query("select lower(responsible_attorney_email) as e from matter where id = ?", matter).get(0).get("e");
    }

    UUID userId(String email) {
        return (UUID) hub.query("select id from portal_user where email = ?", email).get(0).get("id");
    }

    long audited(String action, UUID subject, String actorEmail) {
        return hub.count("select count(*) from audit_event a where a.action = ? and (?::text is null or a.subject_id = ?) "
                        + "and (?::text is null or a.actor_user_id = (select id from portal_user where email = ?))",
                action, subject == null ? null : subject.toString(), subject == null ? null : subject.toString(), actorEmail, actorEmail);
    }

    Set<UUID> hits(String q, String token) throws IOException {
        HttpResponse<String> r = hub.get("/api/v1/search?limit=50&q=" + enc(q), token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ids(JSON.readTree(r.body()).get("items"), "documentId");
    }

    static Set<UUID> ids(JsonNode items, String field) {
        Set<UUID> out = new java.util.LinkedHashSet<>();
        items.forEach(i -> out.add(UUID.fromString(i.get(field).asText())));
        return out;
    }

    /**
     * A deliberately off-contract request (bad input): the hub's contract filter refuses it before the controller,
     * with the contract's problem ({@code Invalid input}, 400; a body value breaking a rule, 422).
     */
    HttpResponse<String> off(String method, String path, String token, String body) {
        return hub.offContract("bad input on purpose", method, path, token, body, body == null ? null : "application/json",
                Map.of());
    }

    static String problemTitle(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        return JSON.readTree(r.body()).get("title").asText();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    HttpResponse<byte[]> download(UUID doc, int version, String token, Map<String, String> headers) {
        return download(doc.toString(), String.valueOf(version), token, headers);
    }

    /** A content request, its response checked against the OpenAPI contract (binary bodies by status and type). */
    HttpResponse<byte[]> download(String doc, String version, String token, Map<String, String> headers) {
        String path = "/api/v1/documents/" + doc + "/versions/" + version + "/content";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET()
                .header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse(null);
            boolean problem = type != null && type.contains("problem+json");
            contract.assertResponse("GET", URI.create(hub.baseUrl() + path).getPath(), null, r.statusCode(), type,
                    new String(r.body(), problem ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
