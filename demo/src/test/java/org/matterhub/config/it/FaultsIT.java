package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;

/**
 * Vendor faults become retries, then dead letters that ops replay; never a lost or doubled record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestHub hub;
    ClioSimulator clio;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.clio.poll-interval-ms", "1000"));
        clio = hub.clio();
    }

    @BeforeEach
    void countFromZero() {
        clio.faults().resetCounts();
    }

    @AfterEach
    void clearFaults() {
        clio.faults().clear();
    }

    /** The status of the contact correction outbox row for a Clio contact (one per contact in these tests). */
    String correctionStatus(long clioContact) {
        return (String) hub.query("""
                select o.status from outbox o join external_ref r on r.local_id = o.aggregate_id
                 where r.entity_type = 'contact' and r.external_id = ? and o.kind = 'contact.correction'
                 order by o.id desc limit 1""", Long.toString(clioContact)).get(0).get("status");
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    long clioContactOf(String email) {
        return Long.parseLong((String) hub.query("""
                select r.external_id from external_ref r join portal_user u on u.contact_id = r.local_id
                 where u.email = ? and r.entity_type = 'contact'""", email).get(0).get("external_id"));
    }

    void correctPhone(String email, String phone) {
        var r = hub.call("PATCH", "/api/v1/me/contact", hub.token(email), "{\"phone\":\"" + phone + "\"}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedAndTheCorrectionArrivesOnce() {
        long contact = clioContactOf("daniel.okafor@northwind.example");
        clio.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "PATCH", "/contacts/" + contact, 2));
        clio.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("PATCH").pathRegex("/contacts/" + contact)
                .times(1).retryAfterSeconds(1).build());
        clio.faults().add(FaultRule.of(FaultKind.TIMEOUT, "PATCH", "/contacts/" + contact, 1));
        correctPhone("daniel.okafor@northwind.example", "+1 312 555 0111");
        await().atMost(Duration.ofSeconds(30)).until(() -> clio.data().contactPatchCount(contact) == 1);
        assertThat(clio.data().contact(contact).get("primary_phone_number")).isEqualTo("+1 312 555 0111");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> clio.data().contactPatchCount(contact) == 1);
        long failedPatches = clio.requests().stream()
                .filter(r -> r.method().equals("PATCH") && r.path().contains("/contacts/" + contact) && r.status() >= 400).count();
        assertThat(failedPatches).isEqualTo(3);
        assertThat(clio.faults().fired()).as("each fault armed fired")
                .containsExactlyInAnyOrderEntriesOf(Map.of(FaultKind.SERVER_ERROR, 2L, FaultKind.RATE_LIMITED, 1L,
                        FaultKind.TIMEOUT, 1L));
        assertThat(clio.requests().stream().filter(r -> r.method().equals("PATCH")
                && r.path().contains("/contacts/" + contact) && r.status() == 0)).as("the timed-out PATCH").hasSize(1);
        // Clio counts the PATCH before its answer reaches the hub, which then commits the outbox row: wait for that.
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(correctionStatus(contact)));
        assertThat(clio.data().contactPatchCount(contact)).as("PATCHes of the contact once delivered").isEqualTo(1);
    }

    @Test
    void aTimeoutIsRetriedAndNothingIsDoubled() {
        long contact = clioContactOf("ap@bluebird.example");
        clio.faults().add(FaultRule.of(FaultKind.TIMEOUT, "GET", "/contacts/" + contact + "\\.json", 1));
        correctPhone("ap@bluebird.example", "+1 415 555 0177");
        await().atMost(Duration.ofSeconds(30)).until(() -> clio.data().contactPatchCount(contact) == 1);
        assertThat(clio.data().contact(contact).get("primary_phone_number")).isEqualTo("+1 415 555 0177");
        assertThat(clio.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/contacts/" + contact + ".json")
                && r.status() == 0)).as("the timed-out request").isNotEmpty();
        assertThat(clio.faults().fired()).containsExactlyEntriesOf(Map.of(FaultKind.TIMEOUT, 1L));
        // Clio counts the PATCH before its answer reaches the hub, which then commits the outbox row: wait for that.
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(correctionStatus(contact)));
        assertThat(clio.data().contactPatchCount(contact)).as("PATCHes of the contact once delivered").isEqualTo(1);
    }

    @Test
    void aResponseLostAfterTheChangeWasAppliedIsNotSentTwice() {
        long contact = clioContactOf("marcus@bluebird.example");
        clio.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "PATCH", "/contacts/" + contact, 1));
        long deadLetters = hub.count("select count(*) from dead_letter");
        correctPhone("marcus@bluebird.example", "+1 415 555 0123");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"pending".equals(correctionStatus(contact)));
        assertThat(clio.faults().fired()).as("the response was lost").containsExactlyEntriesOf(Map.of(FaultKind.LOST_RESPONSE, 1L));
        assertThat(correctionStatus(contact)).as("the retry completed the correction instead of giving up")
                .isEqualTo("delivered");
        assertThat(hub.count("select count(*) from dead_letter")).as("no dead letter").isEqualTo(deadLetters);
        assertThat(clio.data().contactPatchCount(contact)).isEqualTo(1);
        assertThat(clio.data().contact(contact).get("primary_phone_number")).isEqualTo("+1 415 555 0123");
    }

    @Test
    void persistentFailureBecomesADeadLetterThatOpsReplay() throws Exception {
        long contact = clioContactOf("oliver@cedarpine.example");
        clio.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "PATCH", "/contacts/" + contact, -1));
        correctPhone("oliver@cedarpine.example", "+1 503 555 0150");
        String ops = hub.token("ops@harbourlaw.example");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode letters = JSON.readTree(hub.get("/ops/v1/dead-letters", ops).body());
            return letters.size() > 0 && letters.findValuesAsText("source").contains("outbox");
        });
        JsonNode letters = JSON.readTree(hub.get("/ops/v1/dead-letters", ops).body());
        JsonNode letter = null;
        for (JsonNode l : letters) {
            if ("outbox".equals(l.get("source").asText())) {
                letter = l;
            }
        }
        assertThat(letter.get("payload").asText()).contains("+1 503 555 0150");
        assertThat(letter.get("error").asText()).contains("500");
        assertThat(letter.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(clio.data().contactPatchCount(contact)).isZero();
        JsonNode health = JSON.readTree(hub.get("/ops/v1/connections", ops).body()).get(0);
        assertThat(health.get("openDeadLetters").asLong()).isGreaterThanOrEqualTo(1);

        clio.faults().clear();
        var replay = hub.call("POST", "/ops/v1/dead-letters/" + letter.get("id").asLong() + "/replay", ops, null, null);
        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> clio.data().contactPatchCount(contact) == 1);
        assertThat(clio.data().contact(contact).get("primary_phone_number")).isEqualTo("+1 503 555 0150");
        var again = hub.call("POST", "/ops/v1/dead-letters/" + letter.get("id").asLong() + "/replay", ops, null, null);
        assertThat(again.statusCode()).isEqualTo(409);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> clio.data().contactPatchCount(contact) == 1);
    }

    @Test
    void garbageBodiesOnAWebhookFetchAreRetriedUntilTheMatterLands() {
        long clioId = clio.data().matterIds().get(3);
        clio.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, "GET", "/matters/" + clioId + "\\.json", 2));
        clio.data().updateMatterDescription(clioId, "Renamed while Clio sent garbage");
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.count(
                "select count(*) from matter m join external_ref r on r.local_id = m.id where r.external_id = ? "
                        + "and r.entity_type = 'matter' and m.description = 'Renamed while Clio sent garbage'",
                Long.toString(clioId)) == 1);
        // The next poll (every second here) may land the rename before the webhook's fetch is retried; the retries
        // go on regardless, through both garbage bodies.
        await().atMost(Duration.ofSeconds(30)).until(() -> clio.faults().fired().getOrDefault(FaultKind.MALFORMED_BODY, 0L) == 2L);
        assertThat(hub.count("select count(*) from external_ref where entity_type = 'matter' and external_id = ?",
                Long.toString(clioId))).isEqualTo(1);
        assertThat(clio.faults().fired()).containsExactlyEntriesOf(Map.of(FaultKind.MALFORMED_BODY, 2L));
    }

    @Test
    void pollingThrough429sAndServerErrorsLosesNothing() {
        clio.setWebhookDeliveryEnabled(false);
        try {
            long company = clio.data().contactIds().get(0);
            long created = clio.data().createMatter(company, "Matter created during an outage", "Open", "Corporate",
                    "Sarah Chen", "schen@harbourlaw.example", java.time.LocalDate.now());
            clio.clearRequests();
            clio.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("GET").pathRegex("/matters.json")
                    .times(2).retryAfterSeconds(1).build());
            clio.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "GET", "/matters.json", 1));
            await().atMost(Duration.ofSeconds(40)).until(() -> hub.count(
                    "select count(*) from external_ref where entity_type = 'matter' and external_id = ?",
                    Long.toString(created)) == 1);
            // The poll went through its faults: both 429s and the 5xx answered list requests before the matter landed.
            assertThat(clio.faults().fired()).containsExactlyInAnyOrderEntriesOf(Map.of(FaultKind.RATE_LIMITED, 2L,
                    FaultKind.SERVER_ERROR, 1L));
            assertThat(clio.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/matters.json"))
                    .map(r -> r.status()).filter(st -> st == 429 || st == 500)).containsExactlyInAnyOrder(429, 429, 500);
        } finally {
            clio.setWebhookDeliveryEnabled(true);
        }
    }
}
