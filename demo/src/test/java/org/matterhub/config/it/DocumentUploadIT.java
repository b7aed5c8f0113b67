package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.OpenApiContract;
import org.matterhub.config.support.TestHub;
import org.matterhub.routes.documents.DmsSyncService;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Client uploads through the real endpoint of the whole hub (the demo: S3Proxy object store, iManage Work and
 * NetDocuments simulators connected through OAuth, Clio): hostile uploads are refused with nothing left anywhere; an
 * accepted one is stored encrypted, visible to the client's organisation, announced to the fee earner, and filed into
 * the matter's DMS workspace "Client uploads" folder exactly once although the DMS fails, times out and loses
 * responses; a client's decision reaches the DMS profile and a Clio note exactly once each. Every response is checked
 * against the OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentUploadIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNDARY = "----matterhub-it-7d1f";
    static final long FIRM_LIMIT = 1 << 20;
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    TestHub hub;
    OpenApiContract contract;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    UUID imanage;
    UUID netDocuments;
    String daniel;      // Northwind member with the documents scope on m1
    String noDocs;      // Northwind member granted m1 without documents
    String gc;          // Northwind org admin
    String bluebird;    // Bluebird org admin
    String cedar;       // Cedar & Pine org admin
    UUID m1;
    UUID cedarMatter;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
        contract = OpenApiContract.load();
        imanage = hub.connectionId("imanage");
        netDocuments = hub.connectionId("netdocuments");
        String danielEmail = "daniel.okafor@northwind.example";
        m1 = (UUID) hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id where u.email = ? "
                + "and 'documents' = any (g.scopes) and g.revoked_at is null order by g.matter_id limit 1", danielEmail)
                .get(0).get("matter_id");
        String other = email("Northwind Holdings Ltd", "member").stream().filter(e -> !e.equals(danielEmail)).findFirst()
                .orElseThrow();
        system(() -> hub.jdbc().update("""
                insert into matter_grant (firm_id, user_id, matter_id, scopes)
                select ?, u.id, ?, array['invoices', 'messages'] from portal_user u where u.email = ?
                on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null
                """, hub.firmId(), m1, other));
        system(() -> hub.jdbc().update("update firm set upload_max_bytes = ? where id = ?", FIRM_LIMIT, hub.firmId()));
        cedarMatter = (UUID) hub.query("select m.id from matter m join client_org o on o.id = m.client_org_id "
                + "where o.name = 'Cedar & Pine Bakery Co' order by m.number::int limit 1").get(0).get("id");
        daniel = hub.token(danielEmail);
        noDocs = hub.token(other);
        gc = hub.token(email("Northwind Holdings Ltd", "org_admin").get(0));
        bluebird = hub.token(email("Bluebird Ventures LLC", "org_admin").get(0));
        cedar = hub.token(email("Cedar & Pine Bakery Co", "org_admin").get(0));
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    // ------------------------------------------------------------------ hostile uploads

    record Hostile(String name, String fileName, String declaredType, byte[] content, int status, String reason) {
    }

    @Test
    void hostileUploadsAreRefusedWithAClearProblemAndLeaveNothingAnywhere() throws Exception {
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("xl/worksheets/sheet1.xml", new byte[20 << 20]);
        byte[] pdf = pdf("Engagement letter");
        List<Hostile> table = List.of(
                new Hostile("EICAR test signature", "notes.txt", "text/plain",
                        ("Notes for the file\n" + EICAR + "\n").getBytes(StandardCharsets.US_ASCII), 422, "malware_signature"),
                new Hostile("zip bomb: 20 MiB of zeros as .xlsx", "ledger.xlsx", null, zip(bomb), 422, "decompression_bomb"),
                new Hostile(".exe renamed .pdf", "invoice.pdf", "application/pdf", windowsExe(), 422, "executable"),
                new Hostile("macro-enabled .docm", "brief.docm", null, pdf, 422, "macro_enabled"),
                new Hostile("path traversal in the name", "../../etc/passwd.pdf", "application/pdf", pdf, 422, "bad_file_name"),
                new Hostile("control character in the name", "lease\u0007.pdf", "application/pdf", pdf, 422, "bad_file_name"),
                new Hostile("oversize, caught while streaming", "big.txt", "text/plain", letters((int) FIRM_LIMIT + 10_000), 413,
                        "too_large"),
                new Hostile("oversize, caught by its length", "bigger.txt", "text/plain", letters((int) FIRM_LIMIT + 300_000),
                        413, "too_large"),
                new Hostile("empty", "empty.pdf", "application/pdf", new byte[0], 422, "empty"),
                new Hostile("wrong declared type", "letter.pdf", "image/png", pdf, 415, "type_mismatch"),
                new Hostile("type not on the allowlist", "tool.iso", null, pdf, 422, "executable"));
        Set<String> keysBefore = storedKeys();
        long documentsBefore = hub.count("select count(*) from document where uploaded_by is not null");
        int imanageUploads = hub.imanage().uploadCount();
        int ndUploads = hub.netDocuments().uploadCount();
        long rejectedBefore = hub.count("select count(*) from audit_event where action = 'document.upload_rejected'");

        for (Hostile h : table) {
            HttpResponse<String> r = upload(daniel, m1, h.fileName(), h.declaredType(), h.content(), Map.of("title", h.name()));
            assertThat(r.statusCode()).as(h.name() + ": " + r.body()).isEqualTo(h.status());
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.path("reason").asText()).as(h.name()).isEqualTo(h.reason());
            assertThat(problem.path("title").asText()).isEqualTo("Upload rejected");
            assertThat(problem.path("detail").asText()).as(h.name()).isNotBlank().doesNotContain("Exception");
        }

        Set<String> leaked = new HashSet<>(storedKeys());
        leaked.removeAll(keysBefore);
        leaked.removeAll(referencedKeys());
        assertThat(leaked).as("objects in the bucket that no document version references").isEmpty();
        assertThat(hub.count("select count(*) from document where uploaded_by is not null")).isEqualTo(documentsBefore);
        assertThat(hub.count("select count(*) from document where title = any (?)",
                (Object) table.stream().map(Hostile::name).toArray(String[]::new))).isZero();
        assertThat(hub.imanage().uploadCount()).isEqualTo(imanageUploads);
        assertThat(hub.netDocuments().uploadCount()).isEqualTo(ndUploads);
        assertThat(hub.count("select count(*) from audit_event where action = 'document.upload_rejected'") - rejectedBefore)
                .isEqualTo(table.size());
    }

    @Test
    void malformedAndUnauthorisedUploadsAreRefused() throws Exception {
        byte[] pdf = pdf("x");
        assertThat(upload(noDocs, m1, "a.pdf", "application/pdf", pdf, Map.of()).statusCode()).isEqualTo(403);
        assertThat(upload(bluebird, m1, "a.pdf", "application/pdf", pdf, Map.of()).statusCode()).isEqualTo(404);
        assertThat(upload(hub.token("ops@harbourlaw.example"), m1, "a.pdf", "application/pdf", pdf, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(upload(daniel, m1, "a.pdf", "application/pdf", pdf, Map.of("extra", "x")).statusCode()).isEqualTo(400);
        HttpResponse<String> notMultipart = hub.offContract("a JSON body to the upload", "POST",
                "/api/v1/matters/" + m1 + "/documents", daniel, "{}", "application/json", Map.of());
        assertThat(notMultipart.statusCode()).isEqualTo(415);
        byte[] body = multipart("a.pdf", "application/pdf", pdf, Map.of());
        HttpResponse<String> truncated = send(daniel, m1, java.util.Arrays.copyOf(body, body.length - 40));
        assertThat(truncated.statusCode()).as(truncated.body()).isEqualTo(400);
        assertThat(hub.count("select count(*) from document where matter_id = ? and title = 'a'", m1)).isZero();
    }

    // ------------------------------------------------------------------ accepted uploads

    @Test
    void aClientUploadIsFiledIntoTheImanageWorkspaceExactlyOnceThrough5xxAndALostResponse() throws Exception {
        String number = (String) hub.query("select number from matter where id = ?", m1).get(0).get("number");
        String workspace = hub.imanage().data().workspaceId("NORTHWIND", pad(number));
        assertThat(workspace).as("the demo's iManage workspace of matter " + number).isNotNull();
        String existing = hub.imanage().data().folderId(workspace, "Client uploads");
        int uploadsBefore = existing == null ? 0 : hub.imanage().uploadCount(existing);
        hub.imanage().clearRequests();
        hub.imanage().faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST")
                .pathRegex("/folders/.*/documents$").status(503).times(2).build());
        hub.imanage().faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/folders/.*/documents$", 1));
        byte[] content = pdf("Signed share purchase agreement, all pages initialled");

        HttpResponse<String> r = upload(daniel, m1, "SPA signed.pdf", "application/pdf", content,
                Map.of("title", "Signed SPA", "comment", "Signed by both directors"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        UUID documentId = UUID.fromString(body.at("/document/id").asText());
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/documents/" + documentId);
        assertThat(body.at("/document/state").asText()).isEqualTo("published");
        assertThat(body.at("/document/category").asText()).isEqualTo("client_uploads");
        assertThat(body.at("/version/versionNumber").asInt()).isEqualTo(1);
        assertThat(body.at("/version/sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(body.at("/filing/status").asText()).isEqualTo("queued");
        assertThat(body.at("/filing/folder").asText()).isEqualTo("Client uploads");

        awaitDelivered(documentId, "document.upload");
        String folder = hub.imanage().data().folderId(workspace, "Client uploads");
        assertThat(folder).as("the upload folder was created in the workspace").isNotNull();
        assertThat(hub.imanage().data().documentIdsNamed(folder, "Signed SPA")).hasSize(1);
        assertThat(hub.imanage().uploadCount(folder) - uploadsBefore).as("uploads that reached iManage").isEqualTo(1);
        assertThat(posts(hub.imanage().requests(), "/folders/.*/documents$")).as("attempts: 503, 503, lost").isEqualTo(3);
        String dmsId = hub.imanage().data().documentIdsNamed(folder, "Signed SPA").get(0);
        assertThat(hub.imanage().data().content(dmsId)).isEqualTo(content);
        assertThat(hub.imanage().data().documentProfile(dmsId).get("comment").toString())
                .contains("Signed by both directors").contains("[matterhub upload " + documentId + "]");

        // Once filed, the PDF's own text is searchable too (Tika, after the client's request returned).
        assertThat(hub.count("select count(*) from document_version where document_id = ? and text_content like '%initialled%'",
                documentId)).isEqualTo(1);
        assertThat(JSON.readTree(hub.get("/api/v1/search?q=initialled", daniel).body()).path("items").toString())
                .contains(documentId.toString());

        Map<String, Object> row = hub.query("select * from dms_document where document_id = ?", documentId).get(0);
        assertThat(row.get("connection_id")).isEqualTo(imanage);
        assertThat(row.get("resolution")).isEqualTo("resolved");
        assertThat(dmsId).startsWith((String) row.get("external_id"));
        assertThat(hub.query("select source_version from document_version where document_id = ?", documentId).get(0)
                .get("source_version")).isEqualTo(1);
        assertThat(hub.query("select source_connection_id from document where id = ?", documentId).get(0)
                .get("source_connection_id")).isEqualTo(imanage);

        // the uploader, its org admin, but not another org, see and download it; the firm is told
        assertThat(JSON.readTree(hub.get("/api/v1/documents/" + documentId, gc).body()).path("state").asText())
                .isEqualTo("published");
        assertThat(hub.get("/api/v1/documents/" + documentId, bluebird).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/v1/documents/"
                + documentId + "/versions/1/content")).header("Authorization", "Bearer " + daniel).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        byte[] stored = storedObject("firms/" + hub.firmId() + "/documents/" + documentId + "/v1");
        assertThat(stored).as("encrypted at rest").isNotEmpty().isNotEqualTo(content);
        Map<String, Object> note = hub.query("select n.*, m.responsible_attorney_email from notification n join matter m "
                + "on m.id = n.matter_id where n.subject_id = ?", documentId).get(0);
        assertThat(note.get("kind")).isEqualTo("document.uploaded");
        assertThat(note.get("recipient_email")).isEqualTo(note.get("responsible_attorney_email"));
        assertThat(note.get("detail")).isEqualTo("Signed by both directors");
        assertThat(hub.count("select count(*) from matter_milestone where matter_id = ? and kind = 'document.uploaded' "
                + "and client_visible and title like '%Signed SPA%'", m1)).isEqualTo(1);
        assertThat(hub.count("select count(*) from audit_event where subject_id = ? and action in "
                + "('document.uploaded', 'document.filed')", documentId.toString())).isEqualTo(2);

        // the DMS sync recognises the filed document instead of importing it again
        hub.bean(DmsSyncService.class).poll("imanage", hub.firmId(), imanage);
        assertThat(hub.count("select count(*) from dms_document where connection_id = ? and external_id = ?", imanage,
                row.get("external_id"))).isEqualTo(1);
        assertThat(hub.count("select count(*) from document where matter_id = ? and title = 'Signed SPA' "
                + "and deleted_at is null", m1)).isEqualTo(1);
        assertThat(hub.count("select count(*) from document_version where document_id = ?", documentId)).isEqualTo(1);
        assertThat(hub.query("select state from document where id = ?", documentId).get(0).get("state"))
                .isEqualTo("published");
    }

    @Test
    void aNetDocumentsUploadSurvivesATimeoutAndA5xxAndCreatesTheFolderOnce() throws Exception {
        String number = (String) hub.query("select number from matter where id = ?", cedarMatter).get(0).get("number");
        String workspace = hub.netDocuments().data().workspaceId("CEDARPINE", pad(number));
        assertThat(workspace).isNotNull();
        hub.netDocuments().faults().add(FaultRule.of(FaultKind.TIMEOUT, "POST", "/v1/Document/upload", 1));
        hub.netDocuments().faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST")
                .pathRegex("/v1/Document/upload").status(502).times(1).build());
        byte[] content = "Delivery schedule for the bakery lease\nUnits 1-4\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = upload(cedar, cedarMatter, "schedule.txt", "text/plain", content, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID documentId = UUID.fromString(JSON.readTree(r.body()).at("/document/id").asText());
        assertThat(JSON.readTree(r.body()).at("/document/title").asText()).isEqualTo("schedule");

        awaitDelivered(documentId, "document.upload");
        String folder = hub.netDocuments().data().folderId(workspace, "Client uploads");
        assertThat(folder).isNotNull();
        assertThat(posts(hub.netDocuments().requests(), "^/v1/Folder$")).as("the folder is created once").isEqualTo(1);
        assertThat(hub.netDocuments().data().documentIdsNamed(folder, "schedule")).hasSize(1);
        assertThat(hub.netDocuments().uploadCount(folder)).isEqualTo(1);
        String dmsId = hub.netDocuments().data().documentIdsNamed(folder, "schedule").get(0);
        assertThat(hub.netDocuments().data().content(dmsId)).isEqualTo(content);
        assertThat(hub.query("select external_id from dms_document where document_id = ?", documentId).get(0)
                .get("external_id")).isEqualTo(dmsId);
        // text uploads are searchable at once
        JsonNode hits = JSON.readTree(hub.get("/api/v1/search?q=bakery+delivery+schedule", cedar).body()).path("items");
        assertThat(hits.findValuesAsText("documentId")).contains(documentId.toString());
        // a client's own upload is not the firm's document to approve or close
        HttpResponse<String> act = hub.call("POST", "/api/v1/documents/" + documentId + "/actions", cedar,
                "{\"action\":\"approve\"}", "application/json");
        assertThat(act.statusCode()).as(act.body()).isEqualTo(409);
        assertThat(act.body()).contains("uploaded through the portal");
        assertThat(hub.count("select count(*) from document_action where document_id = ?", documentId)).isZero();
    }

    @Test
    void anUploadToAMatterWithoutAWorkspaceStaysInThePortalAndSaysSo() throws Exception {
        UUID matter = UUID.randomUUID();
        system(() -> hub.jdbc().update("""
                insert into matter (id, firm_id, client_org_id, number, display_number, description, status,
                                    responsible_attorney_email)
                select ?, firm_id, id, '4242', '04242-Northwind', 'New matter, no workspace yet', 'open', 'schen@harbourlaw.example'
                  from client_org where name = 'Northwind Holdings Ltd'
                """, matter));
        HttpResponse<String> r = upload(gc, matter, "brief.pdf", "application/pdf", pdf("Brief"), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/filing/status").asText()).isEqualTo("portal_only");
        assertThat(body.at("/filing/detail").asText()).contains("no workspace");
        UUID documentId = UUID.fromString(body.at("/document/id").asText());
        assertThat(hub.count("select count(*) from outbox where aggregate_id = ?", documentId)).isZero();
        assertThat(hub.query("select recipient_user_id from notification where subject_id = ?", documentId).get(0)
                .get("recipient_user_id")).as("the fee earner is a portal user").isNotNull();
    }

    @Test
    void aStaffUploadWaitsForReview() throws Exception {
        HttpResponse<String> r = upload(hub.token("schen@harbourlaw.example"), m1, "memo.pdf", "application/pdf",
                pdf("Memo"), Map.of("title", "Completion memo"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID documentId = UUID.fromString(JSON.readTree(r.body()).at("/document/id").asText());
        assertThat(JSON.readTree(r.body()).at("/document/state").asText()).isEqualTo("pending_review");
        assertThat(hub.get("/api/v1/documents/" + documentId, daniel).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ client decisions

    @Test
    void aClientDecisionReachesTheDmsProfileAndAClioNoteExactlyOnceDespiteLostResponses() throws Exception {
        Map<String, Object> doc = hub.query("""
                select d.id, d.title, x.external_id from document d join dms_document x on x.document_id = d.id
                 where d.matter_id = ? and d.state = 'published' and d.uploaded_by is null and x.connection_id = ?
                 order by d.title limit 1""", m1, imanage).get(0);
        UUID documentId = (UUID) doc.get("id");
        String externalId = (String) doc.get("external_id");
        long clioMatter = Long.parseLong((String) hub.query("select external_id from external_ref where entity_type = 'matter' "
                + "and local_id = ?", m1).get(0).get("external_id"));
        int notesBefore = hub.clio().data().matterNotes(clioMatter).size();
        hub.imanage().faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "PATCH", "/documents/", 1));
        hub.clio().faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/notes\\.json", 1));
        hub.clio().clearRequests();
        hub.imanage().clearRequests();

        HttpResponse<String> r = hub.call("POST", "/api/v1/documents/" + documentId + "/actions", daniel,
                "{\"action\":\"request_changes\",\"comment\":\"Please correct the completion date in clause 4.\"}",
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count("select count(*) from outbox where aggregate_id = ? "
                + "and kind = 'document.action' and status = 'delivered'", documentId) == 2);

        String comment = hub.imanage().data().documentProfile(externalId).get("comment").toString();
        assertThat(comment).startsWith("Client requested changes to v").contains("clause 4").contains("[matterhub action ");
        assertThat(hub.imanage().requests().stream().filter(q -> q.method().equals("PATCH")).count())
                .as("the retry saw the decision already in the profile").isEqualTo(1);
        List<Map<String, Object>> notes = hub.clio().data().matterNotes(clioMatter);
        assertThat(notes).hasSize(notesBefore + 1);
        Map<String, Object> note = notes.get(notes.size() - 1);
        assertThat(note.get("subject").toString()).startsWith("Client requested changes to “" + doc.get("title") + "”");
        assertThat(note.get("detail").toString()).contains("Please correct the completion date in clause 4.");
        assertThat(hub.clio().requests().stream().filter(q -> q.method().equals("POST")
                && q.path().equals("/api/v4/notes.json")).count()).as("one create, the lost one").isEqualTo(1);
        assertThat(hub.count("select count(*) from dead_letter where payload like ?", "%" + documentId + "%")).isZero();
    }

    @Test
    void aDecisionOnANetDocumentsDocumentGoesToTheConfiguredAttribute() throws Exception {
        ConnectionRepository connections = hub.bean(ConnectionRepository.class);
        String settings = hub.asSystem(() -> connections.settings(netDocuments).orElse("{}"));
        JsonNode merged = ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(settings)).put("decisionField", "9");
        system(() -> connections.setSettings(netDocuments, merged.toString()));
        Map<String, Object> doc = hub.query("""
                select d.id, x.external_id from document d join dms_document x on x.document_id = d.id
                 where d.matter_id = ? and d.state = 'published' and x.connection_id = ? order by d.title limit 1""",
                cedarMatter, netDocuments).get(0);
        UUID documentId = (UUID) doc.get("id");
        HttpResponse<String> r = hub.call("POST", "/api/v1/documents/" + documentId + "/actions", cedar,
                "{\"action\":\"approve\"}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.count("select count(*) from outbox where aggregate_id = ? "
                + "and kind = 'document.action' and status = 'delivered'", documentId) == 2);
        Object attributes = hub.netDocuments().data().documentProfile((String) doc.get("external_id")).get("customAttributes");
        assertThat(JSON.valueToTree(attributes).toString()).contains("Client approved v").contains("[matterhub action ");
    }

    // ------------------------------------------------------------------ helpers

    HttpResponse<String> upload(String token, UUID matter, String fileName, String type, byte[] content,
                                Map<String, String> fields) {
        return send(token, matter, multipart(fileName, type, content, fields));
    }

    HttpResponse<String> send(String token, UUID matter, byte[] body) {
        String path = "/api/v1/matters/" + matter + "/documents";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            contract.assertResponse("POST", path, null, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.body());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] multipart(String fileName, String type, byte[] content, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName.replace("\"", "%22") + "\"\r\n" + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    void awaitDelivered(UUID documentId, String kind) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> rows = hub.query("select status, last_error from outbox where aggregate_id = ? and kind = ?",
                    documentId, kind);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("status")).as("last error: " + rows.get(0).get("last_error")).isNotEqualTo("dead");
            return "delivered".equals(rows.get(0).get("status"));
        });
    }

    static long posts(List<RecordedRequest> requests, String pathRegex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(pathRegex);
        return requests.stream().filter(q -> q.method().equals("POST") && p.matcher(q.path()).find()).count();
    }

    Set<String> storedKeys() {
        S3Client s3 = hub.bean(S3Client.class);
        Set<String> keys = new HashSet<>();
        String bucket = hub.bean(org.springframework.core.env.Environment.class).getProperty("matterhub.storage.bucket");
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix("firms/" + hub.firmId() + "/").build())
                .contents().forEach((S3Object o) -> keys.add(o.key()));
        return keys;
    }

    byte[] storedObject(String key) {
        String bucket = hub.bean(org.springframework.core.env.Environment.class).getProperty("matterhub.storage.bucket");
        return hub.bean(S3Client.class).getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    Set<String> referencedKeys() {
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> r : hub.query("select storage_key from document_version where storage_key is not null")) {
            keys.add("firms/" + hub.firmId() + "/" + r.get("storage_key"));
        }
        return keys;
    }

    List<String> email(String org, String role) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "join client_org o on o.id = m.client_org_id where o.name = ? and m.role = ? and m.revoked_at is null "
                + "order by u.email", org, role)) {
            out.add((String) r.get("email"));
        }
        return out;
    }

    void system(Runnable work) {
        hub.bean(Tenancy.class).writeVoid(TenantScope.system(hub.firmId()), work);
    }

    static String pad(String number) {
        return "0".repeat(Math.max(0, 5 - number.length())) + number;
    }

    static byte[] letters(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 64 == 63 ? '\n' : 'a' + (i % 26));
        }
        return b;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] windowsExe() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3C] = (byte) 0x80;
        byte[] stub = "This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, exe, 0x4E, stub.length);
        byte[] pe = {'P', 'E', 0, 0, 0x64, (byte) 0x86};
        System.arraycopy(pe, 0, exe, 0x80, pe.length);
        return exe;
    }

    /** A valid one-page PDF with a correct xref table. */
    static byte[] pdf(String pageText) {
        StringBuilder out = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        String content = "BT /F1 12 Tf 72 720 Td (" + pageText + ") Tj ET";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.length());
            out.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = out.length();
        out.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            out.append(String.format("%010d 00000 n \n", offset));
        }
        out.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
