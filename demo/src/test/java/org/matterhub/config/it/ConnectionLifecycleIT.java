package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.routes.practice.clio.ClioWebhookManager;
import org.matterhub.simulators.clio.ClioSimulator;

/**
 * A connection's life: tokens expire and are refreshed, a revoked grant is surfaced to ops and repaired by a
 * new authorisation, webhooks are renewed before they expire, conflicting edits resolve by field ownership,
 * and the schedulers run on the clustered Quartz store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLifecycleIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestHub hub;
    ClioSimulator clio;
    UUID connection;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.clio.poll-interval-ms", "700"));
        clio = hub.clio();
        connection = (UUID) hub.query("select id from connection where vendor = 'clio'").get(0).get("id");
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    JsonNode health(String ops) throws Exception {
        return JSON.readTree(hub.get("/ops/v1/connections", ops).body()).get(0);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndStoredEncrypted() throws Exception {
        byte[] before = (byte[]) hub.query("select tokens_enc from connection where id = ?", connection).get(0).get("tokens_enc");
        clio.expireAccessTokens();
        await().atMost(Duration.ofSeconds(15)).until(() -> clio.requests().stream()
                .anyMatch(r -> r.path().equals("/oauth/token") && r.body() != null && r.body().contains("refresh_token")
                        && r.status() == 200));
        await().atMost(Duration.ofSeconds(15)).until(() -> !java.util.Arrays.equals(before,
                (byte[]) hub.query("select tokens_enc from connection where id = ?", connection).get(0).get("tokens_enc")));
        byte[] after = (byte[]) hub.query("select tokens_enc from connection where id = ?", connection).get(0).get("tokens_enc");
        String stored = new String(after, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("access_token").doesNotContain("refresh");
        assertThat(hub.query("select status from connection where id = ?", connection).get(0).get("status")).isEqualTo("active");
    }

    @Test
    void aRevokedGrantIsSurfacedToOpsAndANewAuthorisationRepairsIt() throws Exception {
        String ops = hub.token("ops@harbourlaw.example");
        clio.revokeAllTokens();
        clio.expireAccessTokens();
        await().atMost(Duration.ofSeconds(20)).until(() -> "reauthorization_required".equals(health(ops).get("status").asText()));
        assertThat(health(ops).get("lastError").asText()).contains("invalid_grant").doesNotContain("Bearer");

        String admin = hub.token("jwhitaker@harbourlaw.example");
        var started = hub.call("POST", "/api/v1/admin/connections/clio", admin,
                "{\"displayName\":\"Clio (simulator)\",\"baseUrl\":\"" + clio.baseUrl() + "\"}", "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        HttpClient noRedirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String authorize = JSON.readTree(started.body()).get("authorizeUrl").asText();
        String callback = noRedirect.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        var done = noRedirect.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        // A second use of the same callback (replayed state) is refused.
        var replay = noRedirect.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(health(ops).get("status").asText()).isEqualTo("active");

        long clioId = clio.data().matterIds().get(5);
        clio.data().updateMatterDescription(clioId, "Updated after re-authorisation");
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.count("select count(*) from matter m join external_ref r "
                + "on r.local_id = m.id where r.entity_type = 'matter' and r.external_id = ? "
                + "and m.description = 'Updated after re-authorisation'", Long.toString(clioId)) == 1);
    }

    @Test
    void webhooksCloseToExpiryAreRenewed() {
        String hookId = (String) hub.query("select vendor_webhook_id from webhook_subscription where model = 'matter' "
                + "and status <> 'deleted' and vendor_webhook_id not like 'pending:%'").get(0).get("vendor_webhook_id");
        hub.bean(org.matterhub.store.tenancy.Tenancy.class).writeVoid(
                org.matterhub.store.tenancy.TenantScope.system(hub.firmId()), () -> hub.jdbc().update(
                        "update webhook_subscription set expires_at = now() + interval '1 day' where vendor_webhook_id = ?", hookId));
        hub.bean(ClioWebhookManager.class).ensure(hub.firmId(), connection);
        Instant ours = ((java.sql.Timestamp) hub.query("select expires_at from webhook_subscription where vendor_webhook_id = ?",
                hookId).get(0).get("expires_at")).toInstant();
        assertThat(ours).isAfter(Instant.now().plus(Duration.ofDays(20)));
        Object theirs = clio.webhooks().stream().filter(w -> String.valueOf(w.get("id")).equals(hookId)).findFirst()
                .orElseThrow().get("expires_at");
        assertThat(Instant.parse(String.valueOf(theirs))).isAfter(Instant.now().plus(Duration.ofDays(20)));
        assertThat(clio.requests().stream().filter(r -> r.method().equals("PATCH") && r.path().contains("/webhooks/" + hookId)))
                .isNotEmpty();
    }

    @Test
    void whenTheFirmChangedTheFieldMeanwhileClioWinsAndTheClientsProposalIsRecorded() throws Exception {
        String email = "grace@cedarpine.example";
        long clioContact = Long.parseLong((String) hub.query("""
                select r.external_id from external_ref r join portal_user u on u.contact_id = r.local_id
                 where u.email = ? and r.entity_type = 'contact'""", email).get(0).get("external_id"));
        clio.setWebhookDeliveryEnabled(false);
        hub.bean(org.matterhub.store.tenancy.Tenancy.class).writeVoid(
                org.matterhub.store.tenancy.TenantScope.system(hub.firmId()),
                () -> hub.jdbc().update("update connection set status = 'paused'"));
        try {
            clio.data().updateContactPrimaryEmail(clioContact, "grace.new@cedarpine.example");
            var r = hub.call("PATCH", "/api/v1/me/contact", hub.token(email), "{\"email\":\"grace.private@example.org\"}",
                    "application/json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(hub.count("select count(*) from outbox where status = 'pending'")).as("paused: held").isEqualTo(1);
            hub.bean(org.matterhub.store.tenancy.Tenancy.class).writeVoid(
                    org.matterhub.store.tenancy.TenantScope.system(hub.firmId()),
                    () -> hub.jdbc().update("update connection set status = 'active'"));
            String ops = hub.token("ops@harbourlaw.example");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    JSON.readTree(hub.get("/ops/v1/field-conflicts", ops).body()).toString().contains("grace.private@example.org"));
            JsonNode conflict = JSON.readTree(hub.get("/ops/v1/field-conflicts", ops).body()).get(0);
            assertThat(conflict.get("field").asText()).isEqualTo("email");
            assertThat(conflict.get("kept_value").asText()).isEqualTo("grace.new@cedarpine.example");
            assertThat(conflict.get("lost_system").asText()).isEqualTo("portal");
            assertThat(clio.data().contactPatchCount(clioContact)).isZero();
            assertThat(clio.data().contact(clioContact).get("primary_email_address")).isEqualTo("grace.new@cedarpine.example");
            JsonNode me = JSON.readTree(hub.get("/api/v1/me", hub.token(email)).body());
            assertThat(me.get("contact").get("email").asText()).isEqualTo("grace.new@cedarpine.example");
        } finally {
            hub.bean(org.matterhub.store.tenancy.Tenancy.class).writeVoid(
                    org.matterhub.store.tenancy.TenantScope.system(hub.firmId()),
                    () -> hub.jdbc().update("update connection set status = 'active'"));
            clio.setWebhookDeliveryEnabled(true);
        }
    }

    @Test
    void opsCanPauseResumeAndTriggerABackfillWithoutDuplicates() throws Exception {
        String ops = hub.token("ops@harbourlaw.example");
        assertThat(hub.call("POST", "/ops/v1/connections/" + connection + "/pause", ops, null, null).statusCode()).isEqualTo(202);
        assertThat(health(ops).get("status").asText()).isEqualTo("paused");
        assertThat(hub.call("POST", "/ops/v1/connections/" + connection + "/resume", ops, null, null).statusCode()).isEqualTo(202);
        assertThat(health(ops).get("status").asText()).isEqualTo("active");
        long matters = hub.count("select count(*) from matter");
        long refs = hub.count("select count(*) from external_ref");
        clio.clearRequests();
        assertThat(hub.call("POST", "/ops/v1/connections/" + connection + "/backfill", ops, null, null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> clio.requests().stream().anyMatch(r ->
                r.path().equals("/api/v4/matters.json") && (r.query() == null || !r.query().contains("updated_since"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.count("select count(*) from sync_cursor where entity = 'matter' "
                + "and mode = 'backfill' and position->>'complete' = 'true'") == 1);
        assertThat(hub.count("select count(*) from matter")).isEqualTo(matters);
        assertThat(hub.count("select count(*) from external_ref")).isEqualTo(refs);
        assertThat(hub.call("POST", "/ops/v1/connections/" + UUID.randomUUID() + "/pause", ops, null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void metricsCarryPerRouteAndPerConnectionSeries() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String body = hub.actuator("/actuator/prometheus").body();
            return body.contains("routeId=\"clio-inbound-poll\"") && body.contains("routeId=\"engine-outbox-drain\"")
                    && body.contains("matterhub_connection_active{") && body.contains("connection=\"" + connection + "\"");
        });
        String health = hub.actuator("/actuator/health").body();
        assertThat(health).contains("\"status\":\"UP\"").contains("camelHealth");
    }

    @Test
    void schedulesRunOnTheClusteredQuartzStore() {
        assertThat(hub.jdbc().queryForObject("select count(*) from qrtz_triggers", Long.class)).isGreaterThanOrEqualTo(3);
        assertThat(hub.jdbc().queryForObject("select count(*) from qrtz_scheduler_state", Long.class)).isGreaterThanOrEqualTo(1);
        assertThat(hub.jdbc().queryForList("select trigger_name from qrtz_triggers", String.class))
                .contains("inbound-poll", "webhook-renewal", "reconciliation");
    }
}
