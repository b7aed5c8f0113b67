package org.matterhub.simulators.netdocuments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.enc;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.json;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.list;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.map;

/** {@code GET /v2/Search} (SearchCabinets): criteria, required parameters, paging and the recycle bin. */
class NetDocumentsSearchTest {

    private NetDocumentsSimulator sim;
    private NetDocumentsTestClient client;
    private String cabinet;

    @BeforeEach
    void start() throws Exception {
        sim = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.builder().rateLimitPerMinute(0).build());
        sim.seedDemoFirm();
        client = new NetDocumentsTestClient(sim).authorize();
        cabinet = sim.options().cabinetId();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> search(String q, String more) throws Exception {
        return client.get("/v2/Search?cabinets=" + cabinet + "&q=" + enc(q) + "&select=standardAttributes,customAttributes"
                + more, "Content-Type", "application/json");
    }

    @Test
    void findsDocumentsByLookupAttributesAndNameWords() throws Exception {
        List<Map<String, Object>> hits = list(json(search("=1(NORTHWIND) =2(00001)", "")).get("Results"));
        assertThat(hits).isNotEmpty().allSatisfy(h -> assertThat(list(h.get("customAttributes")))
                .anySatisfy(a -> assertThat(a).containsEntry("id", 2).containsEntry("value", "00001")));
        assertThat(hits).extracting(h -> map(h.get("standardAttributes")).get("name"))
                .contains("Engagement Letter NORTHWIND-00001");

        List<Map<String, Object>> letters = list(json(search("engagement lett*", "&top=500")).get("Results"));
        assertThat(letters).hasSize(48).allSatisfy(h -> assertThat((String) map(h.get("standardAttributes")).get("name"))
                .startsWith("Engagement Letter"));
        assertThat(list(json(search("=1(CEDAR*) engagement", "")).get("Results"))).isNotEmpty()
                .allSatisfy(h -> assertThat(list(h.get("customAttributes")))
                        .anySatisfy(a -> assertThat(a).containsEntry("value", "CEDARPINE")));
    }

    @Test
    void pagesWithSkipTokenAndSkipAndLeavesOutTheRecycleBin() throws Exception {
        Map<String, Object> first = json(search("=1(NORTHWIND)", "&top=7&orderby=modified%7Cdesc"));
        int total = ((Number) first.get("TotalFound")).intValue();
        Set<Object> seen = new HashSet<>();
        List<Map<String, Object>> all = new ArrayList<>(list(first.get("Results")));
        String token = (String) first.get("SkipToken");
        while (token != null) {
            Map<String, Object> page = json(search("=1(NORTHWIND)", "&top=7&orderby=modified%7Cdesc&skiptoken=" + token));
            all.addAll(list(page.get("Results")));
            token = (String) page.get("SkipToken");
        }
        all.forEach(h -> seen.add(map(h.get("standardAttributes")).get("id")));
        assertThat(all).hasSize(total);
        assertThat(seen).hasSize(total);
        assertThat(list(json(search("=1(NORTHWIND)", "&top=5&skip=" + (total - 2))).get("Results"))).hasSize(2);

        String deleted = (String) map(list(first.get("Results")).get(0).get("standardAttributes")).get("id");
        sim.data().deleteDocument(deleted);
        Map<String, Object> after = json(search("=1(NORTHWIND)", "&top=500"));
        assertThat(after.get("TotalFound")).isEqualTo(total - 1);
        assertThat(list(after.get("Results"))).noneSatisfy(h -> assertThat(map(h.get("standardAttributes")))
                .containsEntry("id", deleted));
    }

    @Test
    void refusesWhatTheSpecRequiresAndSyntaxItDoesNotSimulate() throws Exception {
        assertThat(client.get("/v2/Search?cabinets=" + cabinet + "&q=letter", "Content-Type", "application/json")
                .statusCode()).as("select is required").isEqualTo(400);
        assertThat(client.get("/v2/Search?q=letter&select=standardAttributes", "Content-Type", "application/json")
                .statusCode()).as("cabinets is required").isEqualTo(400);
        assertThat(client.get("/v2/Search?cabinets=NG-NOTOURS1&q=letter&select=standardAttributes",
                "Content-Type", "application/json").statusCode()).isEqualTo(404);
        HttpResponse<String> or = search("letter OR memo", "");
        assertThat(or.statusCode()).isEqualTo(400);
        assertThat(json(or)).containsEntry("error", "BadRequest");
        assertThat(search("=99(x)", "").statusCode()).isEqualTo(400);
        assertThat(search("letter", "&top=501").statusCode()).isEqualTo(400);
    }
}
