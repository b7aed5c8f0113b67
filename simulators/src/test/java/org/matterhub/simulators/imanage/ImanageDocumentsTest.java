package org.matterhub.simulators.imanage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.SampleFiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.matterhub.simulators.imanage.ImanageTestClient.json;
import static org.matterhub.simulators.imanage.ImanageTestClient.list;
import static org.matterhub.simulators.imanage.ImanageTestClient.map;

class ImanageDocumentsTest {

    private ImanageSimulator sim;
    private ImanageTestClient client;
    private ImanageDemoSeed seed;

    @BeforeEach
    void start() throws Exception {
        sim = ImanageSimulator.start(ImanageSimulatorOptions.builder().timeoutFaultHold(Duration.ofSeconds(2)).build());
        seed = sim.seedDemoFirm();
        client = new ImanageTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void customsWorkspacesAndFolders() throws Exception {
        assertThat(list(json(client.get("customs/custom1")).get("data"))).extracting(c -> c.get("id"))
                .containsExactly("BLUEBIRD", "CEDARPINE", "NORTHWIND");
        List<Map<String, Object>> matters = list(json(client.get("customs/custom2?parent_alias=NORTHWIND")).get("data"));
        assertThat(matters).isNotEmpty().allSatisfy(m -> assertThat(map(m.get("parent")).get("id")).isEqualTo("NORTHWIND"));
        assertThat(map(json(client.get("customs/custom2/00001?parent_alias=NORTHWIND")).get("data")).get("id"))
                .isEqualTo("00001");

        List<Map<String, Object>> found = list(json(client.get("workspaces/search?custom1=NORTHWIND&custom2=00001"))
                .get("data"));
        assertThat(found).hasSize(1);
        String ws = (String) found.get(0).get("id");
        assertThat(ws).isEqualTo(seed.matters().get(0).workspaceId()).matches("ACTIVE_US!\\d+");
        assertThat(list(json(client.post("workspaces/search", "{\"custom1\":\"NORTHWIND\",\"custom2\":\"00001\"}"))
                .get("data"))).hasSize(1);
        List<Map<String, Object>> children = list(json(client.get("workspaces/" + ws + "/children")).get("data"));
        assertThat(children).extracting(c -> c.get("name")).containsExactly("Client Portal", "Internal");

        HttpResponse<String> created = client.post("workspaces/" + ws + "/folders", "{\"name\":\"Correspondence\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(map(json(created).get("data"))).containsEntry("parent_id", ws).containsEntry("wstype", "folder");
        assertThat(list(json(client.get("workspaces/" + ws + "/children")).get("data"))).hasSize(3);

        String portal = seed.matters().get(0).clientPortalFolderId();
        List<Map<String, Object>> docs = list(json(client.get("folders/" + portal + "/documents")).get("data"));
        assertThat(docs).isNotEmpty().allSatisfy(d -> {
            assertThat(d.get("custom1")).isEqualTo("NORTHWIND");
            assertThat(d.get("custom2")).isEqualTo("00001");
            assertThat(d.get("is_latest")).isEqualTo(true);
        });
        assertThat(client.get("folders/ACTIVE_US!999999").statusCode()).isEqualTo(404);
    }

    @Test
    void documentProfileVersionsAndRangeDownloads() throws Exception {
        String doc = seed.documentIds().stream().filter(id -> sim.data().versionCount(id) == 3).findFirst().orElseThrow();
        Map<String, Object> profile = map(json(client.get("documents/" + doc)).get("data"));
        assertThat(profile).containsEntry("id", doc).containsEntry("version", 3).containsEntry("is_latest", true)
                .containsEntry("extension", "docx").containsKeys("document_number", "size", "edit_date", "workspace_id");
        List<Map<String, Object>> versions = list(json(client.get("documents/" + doc + "/versions")).get("data"));
        assertThat(versions).extracting(v -> v.get("version")).containsExactly(1, 2, 3);
        assertThat(versions.get(0).get("is_latest")).isEqualTo(false);

        String v1 = (String) versions.get(0).get("id");
        HttpResponse<byte[]> whole = client.getBytes("documents/" + v1 + "/download");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(sim.data().content(v1));
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        byte[] content = sim.data().content(doc);
        HttpResponse<byte[]> part = client.getBytes("documents/" + doc + "/download", "Range", "bytes=10-29");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-29/" + content.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 10, 30));
        HttpResponse<byte[]> tail = client.getBytes("documents/" + doc + "/download", "Range", "bytes=-5");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 5, content.length));
        HttpResponse<byte[]> beyond = client.getBytes("documents/" + doc + "/download", "Range", "bytes=999999-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + content.length);
    }

    @Test
    void uploadThenNewVersionThenPatchProfile() throws Exception {
        String portal = seed.matters().get(3).clientPortalFolderId();
        byte[] pdf = SampleFiles.pdf("Invoice 17", "Thank you");
        HttpResponse<String> up = client.upload("folders/" + portal + "/documents",
                Map.of("name", "Invoice 17", "class", "DOC"), "invoice-17.pdf", pdf);
        assertThat(up.statusCode()).isEqualTo(201);
        Map<String, Object> created = map(json(up).get("data"));
        String id = (String) created.get("id");
        assertThat(id).endsWith(".1");
        assertThat(created).containsEntry("name", "Invoice 17").containsEntry("extension", "pdf")
                .containsEntry("size", pdf.length).containsEntry("custom1", "BLUEBIRD").containsEntry("author", "HUBUSER");
        assertThat(sim.data().content(id)).isEqualTo(pdf);
        assertThat(sim.uploadCount(portal)).isEqualTo(1);
        assertThat(sim.data().documentIdsNamed(portal, "Invoice 17")).containsExactly(id);

        byte[] v2 = "binary\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> ver = client.upload("documents/" + id + "/versions", Map.of("comment", "signed"),
                "invoice-17.pdf", v2);
        assertThat(ver.statusCode()).isEqualTo(201);
        String id2 = (String) map(json(ver).get("data")).get("id");
        assertThat(id2).isEqualTo(id.replace(".1", ".2"));
        assertThat(sim.data().content(id2)).isEqualTo(v2);
        assertThat(sim.data().versionUploadCount(id)).isEqualTo(1);

        HttpResponse<String> patched = client.patch("documents/" + id2, "{\"custom2\":\"00004\",\"name\":\"Invoice 17 (signed)\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(map(json(patched).get("data"))).containsEntry("name", "Invoice 17 (signed)");
        assertThat(client.patch("documents/" + id2, "{\"size\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void lostResponseFaultAppliesTheUploadOnce() throws Exception {
        String portal = seed.matters().get(0).clientPortalFolderId();
        sim.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/folders/.*/documents$", 1));
        assertThatThrownBy(() -> client.upload("folders/" + portal + "/documents", Map.of("name", "Retry me"),
                "retry.txt", "x".getBytes())).isInstanceOf(IOException.class);
        assertThat(sim.uploadCount(portal)).isEqualTo(1);
        assertThat(sim.data().documentIdsNamed(portal, "Retry me")).hasSize(1);
        assertThat(sim.requests()).anySatisfy(r -> assertThat(r.status()).isZero());
    }

    @Test
    void serverErrorsRateLimitedAndMalformedFaults() throws Exception {
        sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).pathRegex("/customs/").status(503).times(1).build());
        sim.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).pathRegex("/workspaces/").retryAfterSeconds(7)
                .times(1).build());
        sim.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, "GET", "/api$", 1));
        HttpResponse<String> e503 = client.get("customs/custom1");
        assertThat(e503.statusCode()).isEqualTo(503);
        assertThat(map(json(e503).get("error"))).containsKeys("code", "message");
        assertThat(client.get("customs/custom1").statusCode()).isEqualTo(200);
        HttpResponse<String> limited = client.get("workspaces/" + seed.matters().get(0).workspaceId());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        HttpResponse<String> garbage = client.get("/api");
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> json(garbage)).isInstanceOf(IOException.class);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterPerToken() throws Exception {
        sim.setRateLimitPerMinute(2);
        assertThat(client.get("/api").statusCode()).isEqualTo(200);
        assertThat(client.get("/api").statusCode()).isEqualTo(200);
        HttpResponse<String> limited = client.get("/api");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        ImanageTestClient other = new ImanageTestClient(sim).authorize();
        assertThat(other.get("/api").statusCode()).isEqualTo(200);
    }

    @Test
    void controlApiMirrorsTheJavaApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String c = sim.baseUrl() + "/_control";
        HttpResponse<String> ws = http.send(HttpRequest.newBuilder(URI.create(c + "/workspaces")).POST(
                HttpRequest.BodyPublishers.ofString("{\"clientId\":\"ACME\",\"clientName\":\"Acme\",\"matterId\":\"00099\","
                        + "\"description\":\"New matter\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ws.statusCode()).isEqualTo(201);
        String portal = (String) json(ws).get("clientPortalFolderId");
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(c + "/documents")).POST(
                HttpRequest.BodyPublishers.ofString("{\"folderId\":\"" + portal + "\",\"name\":\"Hello\",\"extension\":\"txt\","
                        + "\"text\":\"hi\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(201);
        String id = (String) json(doc).get("id");
        String enc = id.replace("!", "%21");
        HttpResponse<String> v2 = http.send(HttpRequest.newBuilder(URI.create(c + "/documents/" + enc + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi again\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(v2).get("id")).isEqualTo(id.replace(".1", ".2"));
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(c + "/documents/" + enc))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Hello 2\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(patched).get("name")).isEqualTo("Hello 2");
        HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(c + "/faults")).POST(
                HttpRequest.BodyPublishers.ofString("{\"kind\":\"SERVER_ERROR\",\"pathRegex\":\"/api$\",\"times\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fault.statusCode()).isEqualTo(201);
        assertThat(client.get("/api").statusCode()).isEqualTo(500);
        HttpResponse<String> del = http.send(HttpRequest.newBuilder(URI.create(c + "/documents/" + enc)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).isEqualTo(204);
        assertThat(client.get("documents/" + id).statusCode()).isEqualTo(404);
        HttpResponse<String> uploads = http.send(HttpRequest.newBuilder(URI.create(c + "/uploads")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(uploads).get("total")).isEqualTo(0);
        HttpResponse<String> requests = http.send(HttpRequest.newBuilder(URI.create(c + "/requests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(requests.body()).contains("/api").doesNotContain("/_control");
    }
}
