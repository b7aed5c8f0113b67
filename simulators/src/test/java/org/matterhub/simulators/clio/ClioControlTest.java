package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.matterhub.simulators.clio.ClioTestClient.json;

class ClioControlTest {

    private ClioSimulator sim;
    private ClioTestClient client;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        client = new ClioTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aSecondSimulatorStartsOnItsOwnLoopbackPortAndStopsWithItsClose() throws Exception {
        // How fast a simulator starts is measured where time is measured (the demo's start-up figure), not asserted here.
        String base;
        try (ClioSimulator other = ClioSimulator.start(ClioSimulatorOptions.defaults())) {
            base = other.baseUrl();
            assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+").isNotEqualTo(sim.baseUrl());
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/_control/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/_control/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void controlEndpointsMirrorTheJavaApi() throws Exception {
        assertThat(json(control("GET", "/health", null))).containsEntry("status", "ok");

        Map<String, Object> seed = json(control("POST", "/seed", null));
        assertThat(ClioTestClient.list(seed.get("matterIds"))).hasSize(sim.data().matterCount());
        long matter = sim.data().matterIds().get(0);

        HttpResponse<String> closed = control("POST", "/matters/" + matter + "/status", "{\"status\":\"Closed\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(sim.data().matter(matter)).containsEntry("status", "Closed");
        assertThat(control("POST", "/matters/" + matter + "/status", "{\"status\":\"Archived\"}").statusCode())
                .isEqualTo(400);

        assertThat(control("POST", "/faults", "{\"kind\":\"server_error\",\"method\":\"GET\","
                + "\"pathRegex\":\"/contacts\",\"status\":502,\"times\":1}").statusCode()).isEqualTo(201);
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(502);
        control("POST", "/faults", "{\"kind\":\"SERVER_ERROR\"}");
        assertThat(control("DELETE", "/faults", null).statusCode()).isEqualTo(204);
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(200);

        control("POST", "/rate-limit", "{\"perMinute\":1}");
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(200);
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(429);
        control("POST", "/rate-limit", "{\"perMinute\":0}");

        List<Object> recorded = ClioTestClient.list(Json.parse(control("GET", "/requests", null).body()));
        assertThat(recorded).isNotEmpty();
        assertThat(recorded).noneMatch(r -> ((String) ((Map<?, ?>) r).get("path")).startsWith("/_control"));
        control("DELETE", "/requests", null);
        assertThat(sim.requests()).isEmpty();

        control("POST", "/webhooks/delivery", "{\"enabled\":false}");
        control("POST", "/tokens/expire", null);
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(401);
        assertThat(client.refresh().statusCode()).isEqualTo(200);
        control("POST", "/tokens/revoke", null);
        assertThat(client.refresh().statusCode()).isEqualTo(400);
        assertThat(control("GET", "/nope", null).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> control(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_control" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b);
    }
}
