package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.json;

class ClioWebhookTest {

    /** Clio answers a webhook with its id and etag unless the request names fields. */
    private static final String WEBHOOK_FIELDS = "id,etag,url,fields,shared_secret,model,status,events,expires_at";

    private ClioSimulator sim;
    private ClioTestClient client;
    private WebhookReceiver receiver;
    private long matter;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.builder().webhookInitialBackoff(Duration.ofMillis(10)).build());
        receiver = new WebhookReceiver();
        long company = sim.data().createCompany("Northwind Holdings Ltd", "legal@northwind.example", "+1 555 0100");
        matter = sim.data().createMatter(company, "Series A financing", "Open", "Corporate", "Sarah Chen",
                "schen@harbourlaw.example", LocalDate.now().minusDays(30));
        client = new ClioTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void handshakeEnablesTheWebhookAndDeliveriesAreSignedWithTheSharedSecret() throws Exception {
        HttpResponse<String> created = createWebhook("matter", "id,etag,status,close_date",
                "[\"updated\",\"matter_closed\"]");
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> hook = data(created);
        long hookId = ((Number) hook.get("id")).longValue();
        String secret = (String) hook.get("shared_secret");
        assertThat(hook).containsEntry("status", "pending").containsEntry("model", "matter")
                .containsEntry("fields", "id,etag,status,close_date");
        assertThat(OffsetDateTime.parse((String) hook.get("expires_at")))
                .isBetween(OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).minusMinutes(1),
                        OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).plusMinutes(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> "enabled".equals(status(hookId)));
        assertThat(receiver.handshakes).hasSize(1);
        assertThat(receiver.handshakes.get(0).hookSecret()).isEqualTo(secret);
        assertThat(receiver.handshakes.get(0).text()).contains(Long.toString(hookId));

        sim.data().updateMatterStatus(matter, "Closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 2);

        List<WebhookReceiver.Received> got = receiver.deliveries();
        for (WebhookReceiver.Received r : got) {
            assertThat(r.signature()).isEqualTo(independentHmacHex(secret, r.body()));
        }
        Map<String, Object> updated = Json.parseObject(got.get(0).text());
        Map<String, Object> closed = Json.parseObject(got.get(1).text());
        assertThat(updated.get("meta")).isEqualTo(Map.of("event", "updated", "webhook_id", (int) hookId));
        assertThat(closed.get("meta")).isEqualTo(Map.of("event", "matter_closed", "webhook_id", (int) hookId));
        Map<String, Object> payload = ClioTestClient.map(updated.get("data"));
        assertThat(payload.keySet()).containsExactly("id", "etag", "status", "close_date");
        assertThat(payload.get("status")).isEqualTo("Closed");
        assertThat(payload.get("etag")).isEqualTo(sim.data().matter(matter).get("etag"));
    }

    @Test
    void delayedActivationWithXHookSecret() throws Exception {
        receiver.echoSecret = false;
        Map<String, Object> hook = data(createWebhook("contact", "id,etag", "[\"created\"]"));
        long hookId = ((Number) hook.get("id")).longValue();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.handshakes.size() == 1);
        assertThat(status(hookId)).isEqualTo("pending");

        assertThat(client.put("/webhooks/" + hookId + "/activate", "", "X-Hook-Secret", "wrong").statusCode())
                .isEqualTo(422);
        HttpResponse<String> ok = client.put("/webhooks/" + hookId + "/activate?fields=" + WEBHOOK_FIELDS, "",
                "X-Hook-Secret", (String) hook.get("shared_secret"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(status(hookId)).isEqualTo("enabled");

        long person = sim.data().createPerson("Daniel", "Okafor", "daniel@northwind.example", null, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 1);
        Map<String, Object> body = Json.parseObject(receiver.deliveries().get(0).text());
        assertThat(body.get("data")).isEqualTo(Map.of("id", (int) person,
                "etag", sim.data().contact(person).get("etag")));
    }

    @Test
    void failedDeliveriesAreRetriedInOrderAnd410SuspendsTheWebhook() throws Exception {
        long hookId = enabledMatterWebhook("id,description");
        receiver.scriptedStatuses.add(500);
        receiver.scriptedStatuses.add(503);
        sim.data().updateMatterDescription(matter, "first");
        sim.data().updateMatterDescription(matter, "second");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 4);
        List<String> descriptions = receiver.deliveries().stream()
                .map(r -> (String) ((Map<?, ?>) parse(r.text()).get("data")).get("description")).toList();
        assertThat(descriptions).containsExactly("first", "first", "first", "second");

        receiver.scriptedStatuses.add(410);
        sim.data().updateMatterDescription(matter, "third");
        await().atMost(Duration.ofSeconds(5)).until(() -> "suspended".equals(status(hookId)));
        sim.data().updateMatterDescription(matter, "fourth");
        assertThat(receiver.deliveries()).hasSize(5);
    }

    @Test
    void updatedEventsOnlyFireForWatchedFieldsAfterTheFirst() throws Exception {
        enabledMatterWebhook("id,status");
        sim.data().updateMatterDescription(matter, "first update is always sent");
        sim.data().updateMatterDescription(matter, "description is not watched");
        sim.data().updateMatterStatus(matter, "Pending");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() >= 2);
        List<String> events = receiver.deliveries().stream()
                .map(r -> (String) ((Map<?, ?>) parse(r.text()).get("meta")).get("event")).toList();
        assertThat(events).containsExactly("updated", "updated");
    }

    @Test
    void deliveriesCanBeSwitchedOffAndDeletesAreAnnounced() throws Exception {
        enabledMatterWebhook("id,etag");
        sim.setWebhookDeliveryEnabled(false);
        sim.data().updateMatterDescription(matter, "silent");
        sim.setWebhookDeliveryEnabled(true);
        sim.data().deleteMatter(matter);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 1);
        Map<String, Object> body = parse(receiver.deliveries().get(0).text());
        assertThat(((Map<?, ?>) body.get("meta")).get("event")).isEqualTo("deleted");
        assertThat(((Map<?, ?>) body.get("data")).get("id")).isEqualTo((int) matter);
    }

    @Test
    void expiryRulesRenewalListAndDelete() throws Exception {
        String tooLate = OffsetDateTime.now(ZoneOffset.UTC).plusDays(32).toString();
        assertThat(client.post("/webhooks.json", "{\"data\":{\"url\":\"" + receiver.url()
                + "\",\"model\":\"matter\",\"fields\":\"id\",\"expires_at\":\"" + tooLate + "\"}}").statusCode())
                .isEqualTo(422);
        assertThat(client.post("/webhooks.json",
                "{\"data\":{\"url\":\"http://example.com/hook\",\"model\":\"matter\",\"fields\":\"id\"}}")
                .statusCode()).isEqualTo(422);
        assertThat(client.post("/webhooks.json", "{\"data\":{\"url\":\"" + receiver.url()
                + "\",\"model\":\"matter\",\"fields\":\"id,bogus\"}}").statusCode()).isEqualTo(422);
        HttpResponse<String> byNumber = client.post("/webhooks.json?fields=" + WEBHOOK_FIELDS, "{\"data\":{\"url\":\"" + receiver.url()
                + "\",\"model\":1,\"fields\":\"id\"}}");
        assertThat(data(byNumber)).containsEntry("model", "matter");

        long hookId = ((Number) data(byNumber).get("id")).longValue();
        String renewed = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString();
        HttpResponse<String> patched = client.patch("/webhooks/" + hookId + ".json?fields=" + WEBHOOK_FIELDS,
                "{\"data\":{\"expires_at\":\"" + renewed + "\"}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(OffsetDateTime.parse((String) data(patched).get("expires_at")).toInstant())
                .isEqualTo(OffsetDateTime.parse(renewed).toInstant());

        assertThat(ClioTestClient.dataList(client.get("/webhooks.json"))).hasSize(1);
        assertThat(sim.webhooks()).hasSize(1);
        assertThat(client.delete("/webhooks/" + hookId + ".json").statusCode()).isEqualTo(204);
        assertThat(client.get("/webhooks/" + hookId + ".json").statusCode()).isEqualTo(404);
        assertThat(json(client.get("/webhooks.json")).get("data")).isEqualTo(List.of());
    }

    private long enabledMatterWebhook(String fields) throws Exception {
        long hookId = ((Number) data(createWebhook("matter", fields, "[\"updated\",\"deleted\"]")).get("id")).longValue();
        await().atMost(Duration.ofSeconds(5)).until(() -> "enabled".equals(status(hookId)));
        return hookId;
    }

    private HttpResponse<String> createWebhook(String model, String fields, String events) throws Exception {
        return client.post("/webhooks.json?fields=" + WEBHOOK_FIELDS, "{\"data\":{\"url\":\"" + receiver.url() + "\",\"model\":\"" + model
                + "\",\"fields\":\"" + fields + "\",\"events\":" + events + "}}");
    }

    private String status(long hookId) {
        return sim.webhooks().stream().filter(w -> ((Number) w.get("id")).longValue() == hookId)
                .map(w -> (String) w.get("status")).findFirst().orElse(null);
    }

    private static Map<String, Object> parse(String text) {
        try {
            return Json.parseObject(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Computed here, not with the simulator's helper, so the test checks the wire format independently. */
    private static String independentHmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder sb = new StringBuilder();
        for (byte b : mac.doFinal(body)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
