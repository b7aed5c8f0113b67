package org.matterhub.simulators.netdocuments;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.json;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.jsonList;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.list;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.map;

class NetDocumentsApiTest {

    private NetDocumentsSimulator sim;
    private NetDocumentsTestClient client;
    private NetDocumentsDemoSeed seed;
    private String repo;
    private String cabinet;

    @BeforeEach
    void start() throws Exception {
        sim = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.defaults());
        seed = sim.seedDemoFirm();
        client = new NetDocumentsTestClient(sim).authorize();
        repo = sim.options().repositoryId();
        cabinet = sim.options().cabinetId();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void cabinetsAttributesAndLookupTables() throws Exception {
        List<Map<String, Object>> cabinets = jsonList(client.get("/v1/User/cabinets"));
        assertThat(cabinets).hasSize(1);
        assertThat(cabinets.get(0)).containsEntry("id", cabinet).containsEntry("repositoryId", repo)
                .containsEntry("wsOrgAttrNum", 1).containsEntry("wsAttrNum", 2);
        assertThat(cabinet).matches("NG-[A-Z0-9]{8}");
        assertThat(repo).matches("CA-[A-Z0-9]{8}");
        assertThat(jsonList(client.get("/v1/cabinet/" + cabinet + "/customAttributes")))
                .extracting(a -> a.get("name")).containsExactly("Client", "Matter");

        assertThat(list(json(client.get("/v1/attributes/" + repo + "/1")).get("rows"))).extracting(r -> r.get("key"))
                .containsExactly("BLUEBIRD", "CEDARPINE", "NORTHWIND");
        assertThat(list(json(client.get("/v1/attributes/" + repo + "/2/NORTHWIND")).get("rows")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("parent")).isEqualTo("NORTHWIND"));
        assertThat(json(client.get("/v1/attributes/" + repo + "/1/NORTHWIND")))
                .containsEntry("description", "Northwind Holdings Ltd");
        assertThat(list(json(client.get("/v1/attributes/" + repo + "/2?$top=10&$skip=40")).get("rows"))).hasSize(8);

        assertThat(client.putJson("/v1/attributes/" + repo + "/1/ACME", "{\"description\":\"Acme Corp\",\"hold\":false}")
                .statusCode()).isEqualTo(200);
        assertThat(client.putJson("/v1/attributes/" + repo + "/2/ACME/00100", "{\"description\":\"New matter\"}")
                .statusCode()).isEqualTo(200);
        assertThat(json(client.get("/v1/attributes/" + repo + "/2/ACME/00100"))).containsEntry("parent", "ACME");
        assertThat(client.get("/v1/attributes/" + repo + "/2/ACME/00999").statusCode()).isEqualTo(404);
    }

    @Test
    void workspaceInfoGetsOrCreates() throws Exception {
        Map<String, Object> existing = json(client.get("/v1/Workspace/" + cabinet + "/NORTHWIND/00001/info"));
        assertThat(map(existing.get("standardAttributes")).get("id")).isEqualTo(seed.matters().get(0).workspaceId());
        assertThat(list(existing.get("customAttributes"))).extracting(a -> a.get("value"))
                .containsExactly("NORTHWIND", "00001");

        sim.data().createMatter("BLUEBIRD", "00777", "Fresh matter");
        assertThat(sim.data().workspaceId("BLUEBIRD", "00777")).isNull();
        String id = (String) map(json(client.get("/v1/Workspace/" + cabinet + "/BLUEBIRD/00777/info"))
                .get("standardAttributes")).get("id");
        assertThat(id).matches("\\d{4}-\\d{4}-\\d{4}").isEqualTo(sim.data().workspaceId("BLUEBIRD", "00777"));
        assertThat(map(json(client.get("/v1/Workspace/" + cabinet + "/BLUEBIRD/00777/info")).get("standardAttributes"))
                .get("id")).isEqualTo(id);
        assertThat(client.get("/v1/Workspace/" + id + "/info").statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/Workspace/" + cabinet + "/BLUEBIRD/99999/info").statusCode()).isEqualTo(404);

        HttpResponse<String> folder = client.postForm("/v1/Folder", "name=Correspondence&parent=" + id);
        assertThat(folder.statusCode()).isEqualTo(200);
        assertThat(map(json(folder).get("standardAttributes"))).containsEntry("name", "Correspondence");
    }

    @Test
    void containerListingWalksEveryItemExactlyOnce() throws Exception {
        String portal = seed.matters().get(0).clientPortalFolderId();
        for (int i = 0; i < 23; i++) {
            sim.data().putDocument(portal, "Letter " + i, "txt", ("letter " + i).getBytes());
        }
        List<String> expected = sim.data().documentIds(portal);
        for (String orderby : List.of("id|asc", "name|desc", "modified|asc")) {
            List<String> seen = new ArrayList<>();
            String skiptoken = null;
            int pages = 0;
            do {
                Map<String, Object> page = json(client.get("/v2/container/" + portal
                        + "?select=standardAttributes,customAttributes&top=5&orderby=" + orderby.replace("|", "%7C")
                        + (skiptoken == null ? "" : "&skiptoken=" + skiptoken)));
                pages++;
                assertThat(page.get("TotalFound")).isEqualTo(expected.size());
                for (Map<String, Object> item : list(page.get("Results"))) {
                    seen.add((String) map(item.get("standardAttributes")).get("id"));
                    assertThat(item).containsKey("customAttributes");
                }
                skiptoken = (String) page.get("SkipToken");
            } while (skiptoken != null);
            assertThat(seen).as(orderby).hasSameElementsAs(expected).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo((expected.size() + 4) / 5);
        }
        assertThat(client.get("/v2/container/" + portal + "?select=standardAttributes&top=501").statusCode()).isEqualTo(400);
        List<Map<String, Object>> ws = list(json(client.get("/v2/container/" + seed.matters().get(0).workspaceId()
                + "?select=standardAttributes")).get("Results"));
        assertThat(ws).extracting(i -> map(i.get("standardAttributes")).get("name")).containsExactly("Client Portal", "Internal");
    }

    @Test
    void uploadProfileNewVersionVersionListAndRange() throws Exception {
        String portal = seed.matters().get(1).clientPortalFolderId();
        byte[] pdf = SampleFiles.pdf("Statement", "of account");
        HttpResponse<String> up = client.upload(portal, "Statement of account.pdf", pdf, null);
        assertThat(up.statusCode()).isEqualTo(200);
        Map<String, Object> created = json(up);
        assertThat(created).containsEntry("name", "Statement of account").containsEntry("extension", "pdf");
        String id = (String) created.get("id");
        assertThat(id).matches("\\d{4}-\\d{4}-\\d{4}");
        assertThat(sim.uploadCount(portal)).isEqualTo(1);
        Map<String, Object> info = json(client.get("/v1/Document/" + id + "/info"));
        assertThat(map(info.get("standardAttributes"))).containsEntry("size", pdf.length).containsEntry("version", 1);
        assertThat(list(info.get("customAttributes"))).extracting(a -> a.get("value"))
                .containsExactly("NORTHWIND", "00002");

        byte[] v2 = SampleFiles.pdf("Statement", "of account, corrected");
        HttpResponse<String> nv = client.putBytes("/v1/Document/" + id + "/new?extension=pdf&version_description=corrected", v2);
        assertThat(nv.statusCode()).isEqualTo(200);
        assertThat(json(nv)).containsEntry("newVer", 2).containsEntry("officialVer", 2).containsEntry("latestVersionNumber", 2);
        assertThat(sim.data().versionUploadCount(id)).isEqualTo(1);
        assertThat(jsonList(client.get("/v1/Document/" + id + "/versionList"))).extracting(v -> v.get("number"))
                .containsExactly(1, 2);

        HttpResponse<byte[]> whole = client.getBytes("/v1/Document/" + id);
        assertThat(whole.body()).isEqualTo(v2);
        assertThat(client.getBytes("/v1/Document/" + id + "/1").body()).isEqualTo(pdf);
        HttpResponse<byte[]> part = client.getBytes("/v1/Document/" + id, "Range", "bytes=0-7");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-7/" + v2.length);
        assertThat(new String(part.body())).isEqualTo("%PDF-1.4");
        HttpResponse<byte[]> open = client.getBytes("/v1/Document/" + id, "Range", "bytes=" + (v2.length - 3) + "-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(v2, v2.length - 3, v2.length));

        HttpResponse<String> renamed = client.putJson("/v1/Document/" + id + "/info",
                "{\"standardAttributes\":{\"name\":\"Statement (final)\"},\"customAttributes\":[{\"id\":2,\"value\":\"00007\"}]}");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(list(json(renamed).get("customAttributes"))).extracting(a -> a.get("value")).contains("00007");
    }

    @Test
    void repositoryLogShowsChangesAndDeletionsSinceATime() throws Exception {
        List<Map<String, Object>> before = sim.data().activityLog();
        Instant since = Instant.parse((String) before.get(before.size() - 1).get("date")).plusMillis(1);
        String doc = seed.documentIds().get(3);
        sim.data().addVersion(doc, "v-next".getBytes());
        sim.data().deleteDocument(seed.documentIds().get(4));
        sim.data().updateProfile(seed.documentIds().get(5), "name", "Renamed");
        List<Map<String, Object>> log = jsonList(client.get("/v1/Repository/" + repo + "/log?format=json&start="
                + since + "&Logtype=consolidated"));
        assertThat(log).extracting(e -> e.get("action")).containsExactly("New Version", "Delete", "Edit Profile");
        assertThat(log.get(1).get("objectId")).isEqualTo(seed.documentIds().get(4));
        assertThat(client.get("/v1/Document/" + seed.documentIds().get(4) + "/info").statusCode()).isEqualTo(404);
        assertThat(jsonList(client.get("/v1/Repository/" + repo + "/log?format=json"))).hasSizeGreaterThan(300);
    }

    @Test
    void defaultRateLimitIs100CallsPer60SecondsPerToken() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = client.get("/v1/User/cabinets");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(json(limited)).containsKeys("error", "message");
        NetDocumentsTestClient other = new NetDocumentsTestClient(sim).authorize();
        assertThat(other.get("/v1/User/cabinets").statusCode()).isEqualTo(200);
        sim.setRateLimitPerMinute(0);
        assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(200);
    }

    @Test
    void lostResponseOnUploadAppliesItAndOtherFaults() throws Exception {
        String portal = seed.matters().get(2).clientPortalFolderId();
        sim.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/v1/Document/upload$", 1));
        assertThatThrownBy(() -> client.upload(portal, "Once.txt", "once".getBytes(), null)).isInstanceOf(IOException.class);
        assertThat(sim.uploadCount(portal)).isEqualTo(1);
        assertThat(sim.data().documentIdsNamed(portal, "Once")).hasSize(1);

        sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).pathRegex("/v2/container/").status(502).times(1).build());
        assertThat(client.get("/v2/container/" + portal + "?select=standardAttributes").statusCode()).isEqualTo(502);
        assertThat(client.get("/v2/container/" + portal + "?select=standardAttributes").statusCode()).isEqualTo(200);
        sim.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).retryAfterSeconds(9).times(1).build());
        HttpResponse<String> limited = client.get("/v1/User/cabinets");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("9");
    }

    @Test
    void controlApiMirrorsTheJavaApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String c = sim.baseUrl() + "/_control";
        HttpResponse<String> ws = http.send(HttpRequest.newBuilder(URI.create(c + "/workspaces")).POST(
                HttpRequest.BodyPublishers.ofString("{\"clientKey\":\"ACME\",\"clientName\":\"Acme\",\"matterKey\":\"00099\","
                        + "\"description\":\"New\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ws.statusCode()).isEqualTo(201);
        String portal = (String) json(ws).get("clientPortalFolderId");
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(c + "/documents")).POST(
                HttpRequest.BodyPublishers.ofString("{\"folderId\":\"" + portal + "\",\"name\":\"Hi\",\"extension\":\"txt\","
                        + "\"text\":\"hello\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String id = (String) json(doc).get("id");
        assertThat(new String(client.getBytes("/v1/Document/" + id).body())).isEqualTo("hello");
        HttpResponse<String> rate = http.send(HttpRequest.newBuilder(URI.create(c + "/rate-limit")).POST(
                HttpRequest.BodyPublishers.ofString("{\"perMinute\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rate.statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(429);
        HttpResponse<String> log = http.send(HttpRequest.newBuilder(URI.create(c + "/log")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(log.body()).contains(id);
        HttpResponse<String> del = http.send(HttpRequest.newBuilder(URI.create(c + "/documents/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).isEqualTo(204);
        assertThat(sim.data().documentIds(portal)).isEmpty();
    }
}
