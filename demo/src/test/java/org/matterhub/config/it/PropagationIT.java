package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;

/**
 * Changes travel both ways: a matter changed in Clio reaches the portal (by webhook, and by polling alone
 * when webhooks are off); a client's contact correction (phone and address) reaches Clio exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropagationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestHub hub;
    ClioSimulator clio;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.clio.poll-interval-ms", "1500"));
        clio = hub.clio();
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    UUID localMatter(long clioId) {
        return (UUID) hub.query("select local_id from external_ref where entity_type = 'matter' and external_id = ?",
                Long.toString(clioId)).get(0).get("local_id");
    }

    long openClioMatterOf(String company) {
        return clio.data().matterIds().stream().filter(id -> {
            Map<String, Object> m = clio.data().matter(id);
            @SuppressWarnings("unchecked") Map<String, Object> client = (Map<String, Object>) m.get("client");
            return "Open".equals(m.get("status")) && client != null && company.equals(client.get("name"));
        }).findFirst().orElseThrow();
    }

    String statusSeenBy(String token, UUID matter) throws Exception {
        JsonNode view = JSON.readTree(hub.get("/api/v1/matters/" + matter, token).body());
        return view.get("status").asText();
    }

    @Test
    void aStatusChangedInClioReachesThePortalThroughTheWebhook() throws Exception {
        long clioId = openClioMatterOf("Northwind Holdings Ltd");
        UUID matter = localMatter(clioId);
        String gc = hub.token("gc@northwind.example");
        assertThat(statusSeenBy(gc, matter)).isEqualTo("open");
        long inboxBefore = hub.count("select count(*) from inbox");
        clio.data().updateMatterStatus(clioId, "Closed");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> statusSeenBy(gc, matter).equals("closed"));
        assertThat(hub.count("select count(*) from inbox")).isGreaterThan(inboxBefore);
        JsonNode view = JSON.readTree(hub.get("/api/v1/matters/" + matter, gc).body());
        assertThat(view.get("timeline").findValuesAsText("kind")).contains("closed");
    }

    @Test
    void withWebhooksOffAPollFindsTheChange() throws Exception {
        long clioId = openClioMatterOf("Bluebird Ventures LLC");
        UUID matter = localMatter(clioId);
        String gc = hub.token("gc@bluebird.example");
        clio.setWebhookDeliveryEnabled(false);
        try {
            String events = "%:" + clioId + ":%";
            long inboxBefore = hub.count("select count(*) from inbox where event_id like ?", events);
            clio.data().updateMatterStatus(clioId, "Pending");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> statusSeenBy(gc, matter).equals("pending"));
            assertThat(hub.count("select count(*) from inbox where event_id like ?", events)).isEqualTo(inboxBefore);
        } finally {
            clio.setWebhookDeliveryEnabled(true);
        }
    }

    @Test
    void aMatterDeletedInClioDisappearsFromThePortal() throws Exception {
        long clioId = openClioMatterOf("Cedar & Pine Bakery Co");
        UUID matter = localMatter(clioId);
        String gc = hub.token("grace@cedarpine.example");
        assertThat(hub.get("/api/v1/matters/" + matter, gc).statusCode()).isEqualTo(200);
        clio.data().deleteMatter(clioId);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/api/v1/matters/" + matter, gc).statusCode() == 404);
        assertThat(hub.count("select count(*) from matter where id = ? and deleted_at is not null", matter)).isEqualTo(1);
    }

    @Test
    void aContactCorrectionReachesClioExactlyOnce() throws Exception {
        String gc = hub.token("gc@northwind.example");
        long clioContact = Long.parseLong((String) hub.query("""
                select r.external_id from external_ref r join portal_user u on u.contact_id = r.local_id
                 where u.email = 'gc@northwind.example' and r.entity_type = 'contact'""").get(0).get("external_id"));
        var r = hub.call("PATCH", "/api/v1/me/contact", gc,
                "{\"phone\":\"+1 312 555 0199\",\"address\":{\"street\":\"1 Lake Shore Dr\",\"city\":\"Chicago\","
                        + "\"region\":\"IL\",\"postalCode\":\"60601\",\"country\":\"US\"}}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("phone").asText()).isEqualTo("+1 312 555 0199");
        await().atMost(Duration.ofSeconds(10)).until(() -> clio.data().contactPatchCount(clioContact) == 1);
        Map<String, Object> inClio = clio.data().contact(clioContact);
        assertThat(inClio.get("primary_phone_number")).isEqualTo("+1 312 555 0199");
        // The address travelled too: Clio holds it, field by field, as the client entered it.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> addresses = (List<Map<String, Object>>) inClio.get("addresses");
        assertThat(addresses).extracting(ad -> ad.get("street"), ad -> ad.get("city"), ad -> ad.get("province"),
                ad -> ad.get("postal_code"), ad -> ad.get("country"))
                .containsOnlyOnce(tuple("1 Lake Shore Dr", "Chicago", "IL", "60601", "US"));
        // The echo (webhook + poll of our own change) must not send it back again.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> clio.data().contactPatchCount(clioContact) == 1);
        assertThat(hub.count("select count(*) from outbox where status = 'delivered' and kind = 'contact.correction'"))
                .isGreaterThanOrEqualTo(1);
        assertThat(hub.count("select count(*) from outbox where status <> 'delivered'")).isZero();
        JsonNode me = JSON.readTree(hub.get("/api/v1/me", gc).body());
        assertThat(me.get("contact").get("phone").asText()).isEqualTo("+1 312 555 0199");
        assertThat(me.get("contact").get("address").get("city").asText()).isEqualTo("Chicago");
    }
}
