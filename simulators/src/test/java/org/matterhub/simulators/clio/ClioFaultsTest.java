package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.RecordedRequest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.matterhub.simulators.clio.ClioTestClient.json;

class ClioFaultsTest {

    private ClioSimulator sim;
    private ClioTestClient client;
    private long contact;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.builder().timeoutFaultHold(Duration.ofSeconds(2)).build());
        contact = sim.data().createPerson("Ada", "Lovelace", "ada@example.com", "+1 555 0000", null);
        client = new ClioTestClient(sim).authorize();
        sim.clearRequests();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void latencyDelaysTheAnswer() throws Exception {
        sim.faults().add(FaultRule.builder(FaultKind.LATENCY).pathRegex("/matters").latencyMillis(300).times(1).build());
        long t0 = System.nanoTime();
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // The rule fired once and is spent: the next request meets no delay (told by the injector, not a stopwatch).
        assertThat(sim.faults().describe()).isEmpty();
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorAnswersTheStatusWithAClioErrorBodyForTheGivenTimes() throws Exception {
        sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("GET").pathRegex("/contacts")
                .status(503).times(2).build());
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(200);
        HttpResponse<String> first = client.get("/contacts.json");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(ClioTestClient.map(json(first).get("error"))).containsKeys("type", "message");
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(503);
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(200);
    }

    @Test
    void timeoutHoldsTheRequestPastTheClientTimeout() throws Exception {
        sim.faults().add(FaultRule.of(FaultKind.TIMEOUT, "GET", "^/api/v4/matters\\.json$", 1));
        assertThatThrownBy(() -> client.send(client.api("/matters.json").timeout(Duration.ofMillis(300)).GET()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.requests()).extracting(RecordedRequest::path, RecordedRequest::status)
                .contains(org.assertj.core.groups.Tuple.tuple("/api/v4/matters.json", 0));
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitedAnswers429WithRetryAfter() throws Exception {
        sim.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).retryAfterSeconds(7).times(1).build());
        HttpResponse<String> r = client.get("/matters.json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(ClioTestClient.map(json(r).get("error"))).containsKeys("type", "message");
    }

    @Test
    void rateLimitedAlsoAppliesToTheTokenEndpoint() throws Exception {
        sim.faults().add(FaultRule.of(FaultKind.RATE_LIMITED, "POST", "/oauth/token", 1));
        assertThat(client.refresh().statusCode()).isEqualTo(429);
        assertThat(client.refresh().statusCode()).isEqualTo(200);
    }

    @Test
    void malformedBodyIs200WithGarbage() throws Exception {
        sim.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, null, "/matters", 1));
        HttpResponse<String> r = client.offContract("a garbled body is the fault under test", () -> client.get("/matters.json"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThatThrownBy(() -> Json.parse(r.body())).isInstanceOf(IOException.class);
    }

    @Test
    void lostResponseAppliesTheChangeThenDropsTheConnection() throws Exception {
        sim.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "PATCH", "/contacts/", 1));
        assertThatThrownBy(() -> client.patch("/contacts/" + contact + ".json",
                "{\"data\":{\"first_name\":\"Augusta\"}}")).isInstanceOf(IOException.class);
        assertThat(sim.data().contactPatchCount(contact)).isEqualTo(1);
        assertThat(sim.data().contact(contact)).containsEntry("first_name", "Augusta");
        assertThat(sim.requests()).extracting(RecordedRequest::method, RecordedRequest::status)
                .contains(org.assertj.core.groups.Tuple.tuple("PATCH", 0));
    }

    @Test
    void probabilisticRulesAffectSomeRequests() throws Exception {
        sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).pathRegex("/matters").probability(0.5).build());
        int errors = 0;
        for (int i = 0; i < 60; i++) {
            if (client.get("/matters.json").statusCode() == 500) {
                errors++;
            }
        }
        assertThat(errors).isBetween(5, 55);
        sim.faults().clear();
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(200);
    }
}
