package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.json;

class ClioContactPatchTest {

    private static final String FIELDS = "?fields=id,etag,name,first_name,last_name,primary_email_address,"
            + "primary_phone_number,updated_at,email_addresses,phone_numbers,addresses";

    private ClioSimulator sim;
    private ClioTestClient client;
    private long person;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        long company = sim.data().createCompany("Northwind Holdings Ltd", "legal@northwind.example", "+1 555 0100");
        person = sim.data().createPerson("Margaret", "Holloway", "gc@northwind.example", "+1 555 0101", company);
        client = new ClioTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void patchWithCurrentEtagUpdatesNestedItemsAndBumpsEtag() throws Exception {
        Map<String, Object> before = sim.data().contact(person);
        String etag = (String) before.get("etag");
        long emailId = id(((List<?>) before.get("email_addresses")).get(0));
        long phoneId = id(((List<?>) before.get("phone_numbers")).get(0));

        HttpResponse<String> r = client.patch("/contacts/" + person + ".json" + FIELDS, """
                {"data":{"last_name":"Holloway-Price",
                  "email_addresses":[{"id":%d,"address":"m.holloway@northwind.example"},
                                     {"name":"Home","address":"maggie@home.example","default_email":true}],
                  "phone_numbers":[{"id":%d,"_destroy":true},{"name":"Mobile","number":"+1 555 0199"}],
                  "addresses":[{"name":"Home","street":"1 Elm St","city":"Springfield","province":"IL",
                                "postal_code":"62704","country":"US"}]}}
                """.formatted(emailId, phoneId), "If-Match", etag);

        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> after = data(r);
        assertThat(after.get("etag")).isNotEqualTo(etag).isEqualTo(r.headers().firstValue("ETag").orElseThrow());
        assertThat(after).containsEntry("name", "Margaret Holloway-Price")
                .containsEntry("primary_email_address", "maggie@home.example")
                .containsEntry("primary_phone_number", "+1 555 0199");
        assertThat(ClioTestClient.list(after.get("email_addresses"))).hasSize(2);
        assertThat(ClioTestClient.list(after.get("phone_numbers"))).hasSize(1);
        assertThat(ClioTestClient.list(after.get("addresses"))).hasSize(1);
        assertThat(after.get("updated_at").toString()).isGreaterThan(before.get("updated_at").toString());
        assertThat(sim.data().contactPatchCount(person)).isEqualTo(1);
        assertThat(sim.data().contact(person)).containsEntry("last_name", "Holloway-Price");
    }

    @Test
    void staleIfMatchIsRejectedWith412AndChangesNothing() throws Exception {
        String stale = (String) sim.data().contact(person).get("etag");
        sim.data().createMatter(person, "makes her a client", "Open", "Corporate", "Sarah Chen",
                "schen@harbourlaw.example", java.time.LocalDate.now());

        HttpResponse<String> r = client.patch("/contacts/" + person + ".json", "{\"data\":{\"first_name\":\"Meg\"}}",
                "If-Match", stale);
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(ClioTestClient.map(json(r).get("error"))).containsKeys("type", "message");
        assertThat(sim.data().contact(person)).containsEntry("first_name", "Margaret");
        assertThat(sim.data().contactPatchCount(person)).isZero();
    }

    @Test
    void badBodiesAreRejectedWithClioErrors() throws Exception {
        String path = "/contacts/" + person + ".json";
        assertThat(client.patch(path, "{not json").statusCode()).isEqualTo(400);
        assertThat(client.patch(path, "{\"first_name\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(client.patch(path, "{\"data\":{\"first_name\":42}}").statusCode()).isEqualTo(422);
        assertThat(client.patch(path, "{\"data\":{\"email_addresses\":{\"address\":\"a@b.example\"}}}").statusCode())
                .isEqualTo(422);
        assertThat(client.patch(path, "{\"data\":{\"email_addresses\":[{\"id\":\"12\"}]}}").statusCode())
                .isEqualTo(422);
        assertThat(client.patch(path, "{\"data\":{\"email_addresses\":[{\"id\":1,\"_destroy\":true}]}}")
                .statusCode()).isEqualTo(422);
        assertThat(client.patch(path, "{\"data\":{\"email_addresses\":[{\"address\":\"not-an-email\"}]}}")
                .statusCode()).isEqualTo(422);
        assertThat(client.patch(path, "{\"data\":{\"phone_numbers\":[{\"name\":\"Car\",\"number\":\"1\"}]}}")
                .statusCode()).isEqualTo(422);
        assertThat(client.patch(path, "{\"data\":{\"favourite_colour\":\"blue\"}}").statusCode()).isEqualTo(422);
        HttpResponse<String> r = client.patch("/contacts/999.json", "{\"data\":{\"first_name\":\"x\"}}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(sim.data().contactPatchCount(person)).isZero();
    }

    private static long id(Object item) {
        return ((Number) ((Map<?, ?>) item).get("id")).longValue();
    }
}
