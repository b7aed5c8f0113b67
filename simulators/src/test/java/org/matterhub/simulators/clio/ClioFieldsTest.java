package org.matterhub.simulators.clio;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.simulators.common.Json;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.dataList;
import static org.matterhub.simulators.clio.ClioTestClient.enc;
import static org.matterhub.simulators.clio.ClioTestClient.json;
import static org.matterhub.simulators.clio.ClioTestClient.map;

/**
 * Clio's {@code fields} parameter as Clio documents it (https://docs.developers.clio.com/api-docs/fields): without it a
 * record is its {@code id} and {@code etag}; every field the OpenAPI document lists for a resource can be asked for;
 * unknown names and braces on a second-level nested resource are a 400. Every answer here also passes through
 * {@link ClioSpec} (via {@link ClioTestClient}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClioFieldsTest {

    private static final List<String> RESOURCES = List.of("Matter", "Contact", "Activity", "Note", "Webhook", "User",
            "Conversation", "ConversationMessage");
    private static final Set<String> ID_AND_ETAG = Set.of("id", "etag");

    private ClioSimulator sim;
    private ClioTestClient client;
    private DemoSeed seed;
    private WebhookReceiver receiver;

    @BeforeAll
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        seed = sim.seedDemoFirm();
        client = new ClioTestClient(sim).authorize();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void theCheckedInFieldListIsTheOneInClioOpenApiDocument() throws Exception {
        JsonNode schemas;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/clio/openapi.tags-deduplicated.json")) {
            schemas = Json.mapper().readTree(in).path("components").path("schemas");
        }
        List<String> fromSpec = new ArrayList<>();
        for (String resource : RESOURCES) {
            for (Map.Entry<String, JsonNode> f : properties(schemas, resource).entrySet()) {
                String[] kind = kind(f.getValue());
                fromSpec.add(resource + " " + f.getKey() + " " + kind[0]);
                if (kind[1] != null) {
                    for (Map.Entry<String, JsonNode> sub : properties(schemas, kind[1]).entrySet()) {
                        fromSpec.add(resource + " " + f.getKey() + "." + sub.getKey() + " " + kind(sub.getValue())[0]);
                    }
                }
            }
        }
        List<String> checkedIn;
        try (InputStream in = ClioFields.class.getResourceAsStream("clio-fields.txt")) {
            checkedIn = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(checkedIn).containsExactlyElementsOf(fromSpec);
        assertThat(ClioContractTest.allFields("Matter").split(",")).hasSize(44);
        assertThat(ClioContractTest.allFields("Contact").split(",")).hasSize(49);
        assertThat(ClioContractTest.allFields("Activity").split(",")).hasSize(42);
    }

    @Test
    void withoutFieldsEveryRecordIsItsIdAndEtag() throws Exception {
        long matter = seed.matterIds().get(0);
        long contact = seed.companyIds().get(0);
        long activity = sim.data().matterActivityIds(matter).get(0);
        long note = ((Number) data(client.post("/notes.json?fields=id", "{\"data\":{\"type\":\"Matter\",\"matter\":{\"id\":"
                + matter + "},\"subject\":\"s\",\"detail\":\"d\"}}")).get("id")).longValue();
        HttpResponse<String> hook = client.post("/webhooks.json", "{\"data\":{\"url\":\"" + receiver.url()
                + "\",\"model\":\"matter\",\"fields\":\"id,etag\"}}");
        assertThat(hook.statusCode()).isEqualTo(201);
        assertThat(data(hook).keySet()).isEqualTo(ID_AND_ETAG);
        long webhook = ((Number) data(hook).get("id")).longValue();
        for (String list : List.of("/matters.json", "/contacts.json", "/activities.json", "/notes.json?type=Matter",
                "/webhooks.json")) {
            HttpResponse<String> r = client.get(list);
            assertThat(r.statusCode()).as(list).isEqualTo(200);
            assertThat(dataList(r)).as(list).isNotEmpty().allSatisfy(row -> assertThat(row.keySet()).isEqualTo(ID_AND_ETAG));
        }
        for (String one : List.of("/matters/" + matter + ".json", "/contacts/" + contact + ".json",
                "/activities/" + activity + ".json", "/notes/" + note + ".json", "/webhooks/" + webhook + ".json",
                "/users/who_am_i.json")) {
            HttpResponse<String> r = client.get(one);
            assertThat(r.statusCode()).as(one).isEqualTo(200);
            assertThat(data(r).keySet()).as(one).isEqualTo(ID_AND_ETAG);
        }
    }

    @Test
    void everyFieldClioListsIsServedWithAPlausibleOrEmptyValue() throws Exception {
        long matter = seed.matterIds().get(0);
        HttpResponse<String> r = client.get("/matters/" + matter + ".json?fields="
                + enc("id,custom_field_values,originating_attorney{id,name},responsible_attorney{id,name},matter_stage,"
                + "shared,maildrop_address"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> m = data(r);
        assertThat(m.get("custom_field_values")).isEqualTo(List.of());
        assertThat(m.get("originating_attorney")).isEqualTo(m.get("responsible_attorney")).isNotNull();
        assertThat(m).containsEntry("matter_stage", null).containsEntry("shared", false).containsEntry("maildrop_address", null);
        for (String resource : List.of("Matter", "Contact", "Activity")) {
            String path = switch (resource) {
                case "Matter" -> "/matters.json";
                case "Contact" -> "/contacts.json";
                default -> "/activities.json";
            };
            String all = ClioContractTest.allFields(resource);
            HttpResponse<String> page = client.get(path + "?limit=3&fields=" + enc(all));
            assertThat(page.statusCode()).as(resource + ": " + page.body()).isEqualTo(200);
            assertThat(dataList(page)).allSatisfy(row -> assertThat(String.join(",", row.keySet())).isEqualTo(all));
        }
    }

    @Test
    void nestedResourcesWithoutBracesAreTheirDefaultFields() throws Exception {
        long matter = seed.matterIds().get(0);
        Map<String, Object> m = data(client.get("/matters/" + matter + ".json?fields=" + enc("id,client,client_id")));
        assertThat(map(m.get("client")).keySet()).isEqualTo(ID_AND_ETAG);
        assertThat(map(m.get("client")).get("id")).isEqualTo(m.get("client_id"));
        Map<String, Object> withBraces = data(client.get("/matters/" + matter + ".json?fields="
                + enc("client{id,name,date_of_birth}")));
        assertThat(map(withBraces.get("client")).keySet()).containsExactly("id", "name", "date_of_birth");
    }

    @Test
    void unknownFieldsAndBracesOnSecondLevelResourcesAreRefused() throws Exception {
        for (String fields : List.of("id,hours", "id,client{hours}", "id,client{currency{code}}")) {
            HttpResponse<String> r = client.get("/matters.json?fields=" + enc(fields));
            assertThat(r.statusCode()).as(fields).isEqualTo(400);
            assertThat(map(json(r).get("error")).get("message").toString()).contains("Invalid field");
        }
    }

    /** A schema's properties, {@code allOf} parts merged in order (Clio's resources are {@code X_base} plus relations). */
    private static Map<String, JsonNode> properties(JsonNode schemas, String name) {
        JsonNode schema = schemas.path(name);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterable<JsonNode> parts = schema.has("allOf") ? schema.path("allOf") : List.of(schema);
        for (JsonNode part : parts) {
            if (part.has("$ref")) {
                out.putAll(properties(schemas, refName(part)));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = part.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    /** {kind, referenced schema or null}: object / objects for references, else the JSON type (array of scalars: array). */
    private static String[] kind(JsonNode property) {
        if (property.has("$ref")) {
            return new String[] {"object", refName(property)};
        }
        if ("array".equals(property.path("type").asText())) {
            JsonNode items = property.path("items");
            return items.has("$ref") ? new String[] {"objects", refName(items)} : new String[] {"array", null};
        }
        return new String[] {property.path("type").asText("object"), null};
    }

    private static String refName(JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
