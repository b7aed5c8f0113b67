package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matterhub.demo.DemoDocuments;
import org.matterhub.config.support.OpenApiContract;
import org.matterhub.config.support.TestHub;
import org.matterhub.routes.documents.DmsSyncService;
import org.matterhub.routes.documents.imanage.ImanageDocumentSync;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.SampleFiles;

/**
 * Documents from iManage Work and NetDocuments, over real HTTP end to end: the demo hub with both DMS simulators
 * connected through OAuth, the encrypted S3-compatible store, the portal API. A document filed in a matter's portal
 * folder reaches review in one poll, is downloadable after publication by the matter's client users with the
 * documents scope and by no one else, goes back to review on a new DMS version, and disappears when the DMS deletes
 * it; internal documents stay internal and a profile with an unknown matter is listed for ops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmsSyncIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PARTNER = "schen@harbourlaw.example";
    static final String OPS = "ops@harbourlaw.example";

    TestHub hub;
    OpenApiContract contract;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
        contract = OpenApiContract.load();
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    @Test
    void theDemoFirmsDocumentsAreSyncedFromBothSystems() throws Exception {
        assertThat(hub.count("select count(*) from document where source_system = 'imanage'")).isGreaterThan(0);
        assertThat(hub.count("select count(*) from document where source_system = 'netdocuments'")).isGreaterThan(0);
        // Internal documents never become candidates; portal-folder documents do.
        assertThat(hub.count("select count(*) from document where state = 'internal' and title like 'Research Notes%'"))
                .isEqualTo(hub.count("select count(*) from document where title like 'Research Notes%'")).isGreaterThan(0);
        assertThat(hub.count("select count(*) from document where state = 'published'")).isGreaterThan(0);
        assertThat(hub.count("select count(*) from document where state = 'pending_review'")).isGreaterThan(0);
        // Two agreements were published twice: each has two published versions.
        assertThat(hub.count("select count(*) from (select document_id from document_version where published "
                + "group by document_id having count(*) >= 2) x")).isGreaterThanOrEqualTo(2);
        // Every published version's bytes are in the object store and its text in the search index.
        assertThat(hub.count("select count(*) from document_version v join document d on d.id = v.document_id "
                + "where v.published and (v.storage_key is null or v.text_content is null)")).isZero();
        // Categories are mapped consistently: every engagement letter is correspondence, every agreement a contract.
        assertThat(hub.query("select distinct category from document where title like 'Engagement Letter%'"))
                .extracting(r -> r.get("category")).containsExactly("correspondence");
        assertThat(hub.query("select distinct category from document where title like 'Draft Agreement%'"))
                .extracting(r -> r.get("category")).containsExactly("contracts");

        HttpResponse<String> unresolved = hub.get("/ops/v1/documents/unresolved", hub.token(OPS));
        assertThat(unresolved.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(unresolved.body());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("title").asText()).isEqualTo("Archived Side Letter");
        assertThat(page.get("items").get(0).get("resolution").asText()).isEqualTo("no_matter");
        assertThat(page.get("items").get(0).get("matterNumber").asText()).isEqualTo("09999");
        assertThat(hub.count("select count(*) from document where title = 'Archived Side Letter'")).isZero();
        // Clients and staff are not ops.
        assertThat(hub.get("/ops/v1/documents/unresolved", hub.token(clientAdmin("Northwind Holdings Ltd"))).statusCode())
                .isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"imanage", "netdocuments"})
    void aPortalFolderDocumentReachesReviewInOnePollAndAfterPublicationOnlyItsClientsReadIt(String vendor) throws Exception {
        DemoDocuments demo = hub.bean(DemoDocuments.class);
        String word = "zebracorn" + vendor;
        byte[] bytes = SampleFiles.pdf("Completion statement", "Completion statement " + word + " for the client");
        String matterNumber;
        String externalId;
        String org;
        if ("imanage".equals(vendor)) {
            var m = demo.imanageSeed().matters().get(0);
            matterNumber = m.matterId();
            String id = hub.imanage().data().putDocument(m.clientPortalFolderId(), "Completion Statement", "pdf", bytes);
            externalId = id.substring(0, id.lastIndexOf('.'));
            org = "Northwind Holdings Ltd";
        } else {
            var m = demo.netDocumentsSeed().matters().get(0);
            matterNumber = m.matterKey();
            externalId = hub.netDocuments().data().putDocument(m.clientPortalFolderId(), "Completion Statement", "pdf", bytes);
            org = "Cedar & Pine Bakery Co";
        }
        // One poll: the candidate is in review (the scheduled poll may have got there first; never a second one).
        hub.bean(DmsSyncService.class).poll(vendor, hub.firmId(), hub.connectionId(vendor));
        UUID doc = documentOf(vendor, externalId);
        assertThat(state(doc)).isEqualTo("pending_review");
        assertThat(hub.query("select m.number from document d join matter m on m.id = d.matter_id where d.id = ?", doc).get(0)
                .get("number")).isEqualTo(String.valueOf(Integer.parseInt(matterNumber)));

        String client = hub.token(clientAdmin(org));
        String otherOrg = hub.token(clientAdmin("Cedar & Pine Bakery Co".equals(org) ? "Northwind Holdings Ltd" : "Bluebird Ventures LLC"));
        String finance = hub.token(email(org, "finance"));
        // In review: no client reaches it by any path.
        assertThat(hub.get("/api/v1/documents/" + doc, client).statusCode()).isEqualTo(404);
        assertThat(download(doc, 1, client).statusCode()).isEqualTo(404);
        assertThat(search(word, client)).isEmpty();

        assertThat(hub.call("POST", "/api/v1/staff/documents/" + doc + "/publication", hub.token(PARTNER), null, null)
                .statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/documents/" + doc, client).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> content = download(doc, 1, client);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(bytes);
        assertThat(search(word, client)).contains(doc.toString());
        for (String outsider : List.of(otherOrg, finance)) {
            assertThat(hub.get("/api/v1/documents/" + doc, outsider).statusCode()).isEqualTo(404);
            assertThat(download(doc, 1, outsider).statusCode()).isEqualTo(404);
            assertThat(search(word, outsider)).isEmpty();
        }

        // A new version from the firm sends it back to review: the client loses it until staff publish again.
        if ("imanage".equals(vendor)) {
            hub.imanage().data().addVersion(externalId + ".1", SampleFiles.pdf("Completion statement", "revised " + word));
        } else {
            hub.netDocuments().data().addVersion(externalId, SampleFiles.pdf("Completion statement", "revised " + word));
        }
        hub.bean(DmsSyncService.class).poll(vendor, hub.firmId(), hub.connectionId(vendor));
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending_review".equals(state(doc)));
        assertThat(hub.count("select count(*) from document_version where document_id = ?", doc)).isEqualTo(2);
        assertThat(hub.get("/api/v1/documents/" + doc, client).statusCode()).isEqualTo(404);

        // Deleted in the DMS: gone from the portal.
        if ("imanage".equals(vendor)) {
            hub.imanage().data().deleteDocument(externalId + ".1");
            hub.bean(ImanageDocumentSync.class).reconcile(hub.firmId(), hub.connectionId(vendor));
        } else {
            hub.netDocuments().data().deleteDocument(externalId);
            hub.bean(DmsSyncService.class).poll(vendor, hub.firmId(), hub.connectionId(vendor));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.count("select count(*) from document where id = ? and deleted_at is not null", doc) == 1);
        assertThat(hub.get("/api/v1/documents/" + doc, hub.token(PARTNER)).statusCode()).isEqualTo(404);
    }

    @Test
    void aDocumentMovedIntoThePortalFolderBecomesACandidateWithItsBytes() {
        var m = hub.bean(DemoDocuments.class).imanageSeed().matters().get(1);
        String id = hub.imanage().data().putDocument(m.internalFolderId(), "Side Letter Draft", "txt",
                SampleFiles.text("Side letter", "quokkaword side letter"));
        String externalId = id.substring(0, id.lastIndexOf('.'));
        hub.bean(DmsSyncService.class).poll("imanage", hub.firmId(), hub.connectionId("imanage"));
        UUID doc = documentOf("imanage", externalId);
        assertThat(state(doc)).isEqualTo("internal");
        assertThat(hub.count("select count(*) from document_version where document_id = ? and storage_key is not null", doc))
                .as("an internal document's bytes are not copied").isZero();

        hub.imanage().data().fileDocument(id, m.clientPortalFolderId());
        hub.bean(DmsSyncService.class).poll("imanage", hub.firmId(), hub.connectionId("imanage"));
        assertThat(state(doc)).isEqualTo("pending_review");
        assertThat(hub.count("select count(*) from document_version where document_id = ? and storage_key is not null "
                + "and text_content like '%quokkaword%'", doc)).isEqualTo(1);
    }

    @Test
    void crawlFailuresAreRetriedAndAPersistentOneIsParkedForOpsAndReplayed() throws Exception {
        UUID connection = hub.connectionId("imanage");
        DmsSyncService sync = hub.bean(DmsSyncService.class);
        var m = hub.bean(DemoDocuments.class).imanageSeed().matters().get(2);
        // Two 5xx answers: the poll retries with backoff and succeeds; the candidate is in review.
        hub.imanage().faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "POST", "/sync/documents/crawl", 2));
        String id = hub.imanage().data().putDocument(m.clientPortalFolderId(), "Retried Letter", "txt",
                SampleFiles.text("Retried letter", "survives two server errors"));
        assertThat(sync.poll("imanage", hub.firmId(), connection)).isTrue();
        assertThat(state(documentOf("imanage", id.substring(0, id.lastIndexOf('.'))))).isEqualTo("pending_review");

        // A persistent failure: after the retry budget the work is parked as a dead letter ops can see and replay.
        long before = hub.count("select count(*) from dead_letter where connection_id = ?", connection);
        hub.imanage().faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "POST", "/sync/documents/crawl", 1_000));
        String late = hub.imanage().data().putDocument(m.clientPortalFolderId(), "Late Letter", "txt",
                SampleFiles.text("Late letter", "arrives after the outage"));
        assertThat(sync.poll("imanage", hub.firmId(), connection)).isFalse();
        List<Map<String, Object>> letters = hub.query("select id, error, status from dead_letter where connection_id = ? "
                + "order by id desc", connection);
        assertThat(letters.size()).isGreaterThan((int) before);
        assertThat((String) letters.get(0).get("error")).contains("500");
        assertThat(hub.count("select count(*) from dms_document where external_id = ?", late.substring(0, late.lastIndexOf('.'))))
                .isZero();
        hub.imanage().faults().clear();
        HttpResponse<String> replay = hub.call("POST", "/ops/v1/dead-letters/" + letters.get(0).get("id") + "/replay",
                hub.token(OPS), null, null);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(sync.poll("imanage", hub.firmId(), connection)).isTrue();
        assertThat(state(documentOf("imanage", late.substring(0, late.lastIndexOf('.'))))).isEqualTo("pending_review");
    }

    // ------------------------------------------------------------------ helpers

    @Test
    void aFirmAdminReplacesADmsConnectionsSettingsThroughTheVendorNeutralEndpoint() throws Exception {
        String admin = hub.token("jwhitaker@harbourlaw.example");
        UUID connection = hub.connectionId("netdocuments");
        String stored = hub.query("select settings::text as s from connection where id = ?", connection).get(0).get("s").toString();
        long audited = hub.count("select count(*) from audit_event where action = 'connection.settings_changed'");

        HttpResponse<String> same = hub.call("PUT", "/api/v1/admin/connections/" + connection + "/settings", admin, stored,
                "application/json");
        assertThat(same.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(same.body());
        assertThat(body.get("connectionId").asText()).isEqualTo(connection.toString());
        assertThat(body.get("settings").get("cabinetId").asText()).isEqualTo(JSON.readTree(stored).get("cabinetId").asText());
        assertThat(hub.count("select count(*) from audit_event where action = 'connection.settings_changed'"))
                .isEqualTo(audited + 1);
        String replaced = hub.query("select settings::text as s from connection where id = ?", connection).get(0).get("s")
                .toString();

        // A number below the contract's minimum is refused at the edge (400, issue 10's strict input), before the
        // settings' own check (which answered 422) is reached; either way nothing is stored (below).
        HttpResponse<String> negative = hub.offContract("a request budget below the contract's minimum", "PUT",
                "/api/v1/admin/connections/" + connection + "/settings", admin, "{\"requestsPerMinute\": -5}",
                "application/json", Map.of());
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(hub.call("PUT", "/api/v1/admin/connections/" + UUID.randomUUID() + "/settings", admin, stored,
                "application/json").statusCode()).isEqualTo(404);
        assertThat(hub.call("PUT", "/api/v1/admin/connections/" + connection + "/settings", hub.token(PARTNER), stored,
                "application/json").statusCode()).isEqualTo(403);
        assertThat(hub.query("select settings::text as s from connection where id = ?", connection).get(0).get("s").toString())
                .isEqualTo(replaced);
    }

    UUID documentOf(String vendor, String externalId) {
        List<Map<String, Object>> rows = hub.query("select d.document_id from dms_document d join connection c "
                + "on c.id = d.connection_id where c.vendor = ? and d.external_id = ?", vendor, externalId);
        assertThat(rows).as("dms_document of %s %s", vendor, externalId).hasSize(1);
        return (UUID) rows.get(0).get("document_id");
    }

    String state(UUID doc) {
        return (String) hub.query("select state from document where id = ?", doc).get(0).get("state");
    }

    String clientAdmin(String org) {
        return email(org, "org_admin");
    }

    String email(String org, String role) {
        return (String) hub.query("select u.email from portal_user u join membership ms on ms.user_id = u.id "
                + "join client_org o on o.id = ms.client_org_id where o.name = ? and ms.role = ? and ms.revoked_at is null "
                + "order by u.email limit 1", org, role).get(0).get("email");
    }

    List<String> search(String q, String token) throws IOException {
        HttpResponse<String> r = hub.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        JSON.readTree(r.body()).get("items").forEach(i -> ids.add(i.get("documentId").asText()));
        return ids;
    }

    HttpResponse<byte[]> download(UUID doc, int version, String token) {
        String path = "/api/v1/documents/" + doc + "/versions/" + version + "/content";
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse(null);
            boolean problem = type != null && type.contains("problem+json");
            contract.assertResponse("GET", path, null, r.statusCode(), type,
                    new String(r.body(), problem ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
