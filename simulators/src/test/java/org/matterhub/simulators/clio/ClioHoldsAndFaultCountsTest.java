package org.matterhub.simulators.clio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RequestHolds;

/** The crash and chaos harness's switches on a real simulator: fault counts, deterministic arming, request holds. */
@Timeout(30)
class ClioHoldsAndFaultCountsTest {

    private ClioSimulator sim;
    private ClioTestClient client;
    private long contact;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.builder().timeoutFaultHold(Duration.ofSeconds(1)).build());
        contact = sim.data().createPerson("Ada", "Lovelace", "ada@example.com", "+1 555 0000", null);
        client = new ClioTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void everyNthArmingFiresOnExactlyTheNthRequestsAndIsCountedByKind() throws Exception {
        sim.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("GET").pathRegex("/matters")
                .every(3).skip(1).status(503).build());
        int[] statuses = new int[8];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = client.get("/matters.json").statusCode();
        }
        // skip the first, then every third of the rest: requests 4 and 7
        assertThat(statuses).containsExactly(200, 200, 200, 503, 200, 200, 503, 200);
        assertThat(sim.faults().fired()).containsExactly(Map.entry(FaultKind.SERVER_ERROR, 2L));
        assertThat(sim.faults().armed()).containsExactly(FaultKind.SERVER_ERROR);
        sim.faults().clear();
        assertThat(sim.faults().fired(FaultKind.SERVER_ERROR)).as("clearing the rules keeps the counts").isEqualTo(2);
        HttpResponse<String> fired = control("GET", "/faults/fired", null);
        assertThat(fired.body()).contains("\"SERVER_ERROR\":2").contains("\"armed\":[\"SERVER_ERROR\"]");
        sim.faults().resetCounts();
        assertThat(sim.faults().fired()).isEmpty();
    }

    @Test
    void aHoldAfterApplyKeepsTheAnswerWhileTheChangeIsAlreadyApplied() throws Exception {
        RequestHolds.Hold hold = sim.holds().hold("PATCH", "/contacts/" + contact, RequestHolds.Phase.AFTER_APPLY);
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> patch("Augusta"));
        RequestHolds.HeldRequest held = hold.awaitHeld(Duration.ofSeconds(10)).orElseThrow();
        assertThat(held.phase()).isEqualTo(RequestHolds.Phase.AFTER_APPLY);
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.body()).contains("Augusta");
        assertThat(sim.data().contactPatchCount(contact)).as("applied before the answer left").isEqualTo(1);
        assertThat(answer).isNotDone();
        assertThat(hold.holding()).isTrue();
        hold.release();
        assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(hold.holding()).isFalse();
        assertThat(patch("Ada").statusCode()).as("a hold catches one request only").isEqualTo(200);
    }

    @Test
    void aHoldAfterApplyLetsARefusedRequestPassAndCatchesTheNextAppliedOne() throws Exception {
        sim.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "PATCH", "/contacts/" + contact, 1));
        RequestHolds.Hold hold = sim.holds().hold("PATCH", "/contacts/" + contact + "\\.json(\\?|$)",
                RequestHolds.Phase.AFTER_APPLY);
        assertThat(patch("Augusta").statusCode()).as("the 5xx applied nothing and was not held").isEqualTo(500);
        assertThat(hold.request()).isEmpty();
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> patch("Augusta"));
        RequestHolds.HeldRequest held = hold.awaitHeld(Duration.ofSeconds(10)).orElseThrow();
        assertThat(held.status()).isEqualTo(200);
        assertThat(sim.data().contactPatchCount(contact)).isEqualTo(1);
        hold.release();
        assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aHoldBeforeApplyKeepsTheChangeOutUntilReleasedThroughTheControlApi() throws Exception {
        HttpResponse<String> armed = control("POST", "/holds",
                "{\"method\":\"PATCH\",\"pathRegex\":\"/contacts/" + contact + "\",\"phase\":\"BEFORE_APPLY\"}");
        assertThat(armed.statusCode()).isEqualTo(201);
        assertThat(armed.body()).contains("\"state\":\"armed\"");
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> patch("Augusta"));
        RequestHolds.HeldRequest held = sim.holds().get(1).orElseThrow().awaitHeld(Duration.ofSeconds(10)).orElseThrow();
        assertThat(held.describe()).startsWith("PATCH /api/v4/contacts/" + contact + ".json").contains("before apply");
        assertThat(sim.data().contactPatchCount(contact)).isZero();
        assertThat(control("GET", "/holds/1", null).body()).contains("\"state\":\"held\"");
        assertThat(control("POST", "/holds/1/release", null).statusCode()).isEqualTo(204);
        assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(sim.data().contactPatchCount(contact)).isEqualTo(1);
        assertThat(control("GET", "/holds", null).body()).contains("\"state\":\"released\"");
    }

    @Test
    void closingTheSimulatorReleasesAHeldRequest() throws Exception {
        RequestHolds.Hold hold = sim.holds().hold("GET", "/matters", RequestHolds.Phase.BEFORE_APPLY);
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                client.get("/matters.json");
            } catch (Exception e) {
                // the server went away: expected
            }
        });
        assertThat(hold.awaitHeld(Duration.ofSeconds(10))).isPresent();
        sim.close();
        call.get(10, TimeUnit.SECONDS);
        assertThat(List.of(hold.holding())).containsExactly(false);
    }

    private HttpResponse<String> patch(String firstName) {
        try {
            return client.patch("/contacts/" + contact + ".json", "{\"data\":{\"first_name\":\"" + firstName + "\"}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> control(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_control" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return client.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
