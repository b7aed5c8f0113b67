package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.config.support.RowCounts;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.security.EmbeddedIssuer;

/** Bad input gets a clear 4xx problem, stores nothing, and breaks nothing else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestHub hub;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.auth.mfa-required-for", "ops"));
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    record Case(String name, String body, String contentType, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> badContactBodies() {
        return List.of(
                new Case("malformed JSON", "{\"email\": \"a@b.example\"", "application/json", 400),
                new Case("not JSON at all", "email=a@b.example", "application/json", 400),
                new Case("wrong type", "{\"email\": 42, \"phone\": [1]}", "application/json", 400),
                new Case("unknown field", "{\"emial\": \"a@b.example\"}", "application/json", 400),
                new Case("nested wrong type", "{\"address\": \"10 Main St\"}", "application/json", 400),
                new Case("invalid e-mail", "{\"email\": \"not-an-email\"}", "application/json", 422),
                new Case("invalid phone", "{\"phone\": \"call me maybe\"}", "application/json", 422),
                new Case("empty correction", "{}", "application/json", 422),
                new Case("oversize body", "{\"street\": \"" + "x".repeat(70_000) + "\"}", "application/json", 413),
                new Case("wrong media type", "<contact/>", "application/xml", 415));
    }

    @ParameterizedTest
    @MethodSource("badContactBodies")
    void aBadContactCorrectionIsRefusedAndChangesNothing(Case c) throws Exception {
        String token = hub.token("gc@northwind.example");
        String before = hub.get("/api/v1/me", token).body();
        Map<String, Long> rowsBefore = RowCounts.of(hub);
        String contactBefore = contactRow("gc@northwind.example");
        long outboxBefore = hub.count("select count(*) from outbox");
        long auditBefore = hub.count("select count(*) from audit_event where action = 'contact.corrected'");
        HttpResponse<String> r = hub.offContract("a bad contact body: " + c.name(), "PATCH", "/api/v1/me/contact", token,
                c.body(), c.contentType(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(hub.get("/api/v1/me", token).body()).isEqualTo(before);
        assertThat(hub.count("select count(*) from outbox")).isEqualTo(outboxBefore);
        assertThat(hub.count("select count(*) from audit_event where action = 'contact.corrected'")).isEqualTo(auditBefore);
        assertThat(RowCounts.of(hub)).as("rows of every table").isEqualTo(rowsBefore);
        assertThat(contactRow("gc@northwind.example")).as("the contact row").isEqualTo(contactBefore);
    }

    /** The stored contact of a portal user, every column, as text. */
    String contactRow(String email) {
        return String.valueOf(hub.query("select c.* from contact c join portal_user u on u.contact_id = c.id where u.email = ?",
                email).get(0));
    }

    @Test
    void unknownEnumValuesAreNamedInTheProblem() throws Exception {
        String partner = hub.token("schen@harbourlaw.example");
        UUID org = (UUID) hub.query("select id from client_org order by name limit 1").get(0).get("id");
        long users = hub.count("select count(*) from portal_user");
        Map<String, Long> rowsBefore = RowCounts.of(hub);
        HttpResponse<String> r = hub.offContract("an unknown role", "POST", "/api/v1/staff/client-orgs/" + org + "/invitations",
                partner, "{\"email\":\"x@y.example\",\"displayName\":\"X\",\"role\":\"superuser\"}", "application/json",
                Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("superuser").contains("org_admin");
        HttpResponse<String> badStatus = hub.offContract("an unknown status", "GET", "/api/v1/matters?status=archived",
                partner, null, null, Map.of());
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badStatus.body()).get("detail").asText()).contains("archived");
        assertThat(hub.count("select count(*) from portal_user")).isEqualTo(users);
        assertThat(RowCounts.of(hub)).as("rows of every table (no invitation, user, membership or audit)")
                .isEqualTo(rowsBefore);
    }

    @Test
    void missingForgedExpiredAndMisdirectedTokensGet401() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        String issuer = hub.baseUrl() + "/oidc";
        String forged = sign(stranger, issuer, "matterhub", Instant.now().plusSeconds(600), "gc@northwind.example");
        EmbeddedIssuer real = hub.bean(EmbeddedIssuer.class);
        String expired = real.mint("gc@northwind.example", Duration.ofSeconds(-120), Map.of());
        String garbage = "not.a.jwt";
        String unknownPerson = real.mint("nobody@nowhere.example", Duration.ofMinutes(5), Map.of());
        Map<String, Long> rowsBefore = RowCounts.of(hub);
        for (String token : new String[] {null, forged, expired, garbage, unknownPerson}) {
            HttpResponse<String> r = hub.raw("GET", "/api/v1/matters", token, null, null, Map.of());
            assertThat(r.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(JSON.readTree(r.body()).get("status").asInt()).isEqualTo(401);
        }
        assertThat(RowCounts.of(hub)).as("rows of every table").isEqualTo(rowsBefore);
        // The hub still serves a good token after all that.
        assertThat(hub.get("/api/v1/matters", hub.token("gc@northwind.example")).statusCode()).isEqualTo(200);
    }

    @Test
    void rolesThatRequireMfaAndStaleSessionsAreRefused() throws Exception {
        EmbeddedIssuer issuer = hub.bean(EmbeddedIssuer.class);
        String withoutMfa = issuer.mint("ops@harbourlaw.example", Duration.ofMinutes(5), Map.of());
        String withMfa = issuer.mint("ops@harbourlaw.example", Duration.ofMinutes(5), Map.of("amr", List.of("pwd", "mfa")));
        HttpResponse<String> refused = hub.get("/ops/v1/connections", withoutMfa);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("title").asText()).isEqualTo("MFA required");
        assertThat(hub.get("/ops/v1/connections", withMfa).statusCode()).isEqualTo(200);
        assertProblem(refused, 403, "MFA required");
        String stale = issuer.mint("gc@northwind.example", Duration.ofMinutes(5),
                Map.of("auth_time", Instant.now().minus(Duration.ofHours(13)).getEpochSecond()));
        Map<String, Long> rowsBefore = RowCounts.of(hub);
        HttpResponse<String> staleAnswer = hub.raw("PATCH", "/api/v1/me/contact", stale, "{\"phone\":\"+1 312 555 0100\"}",
                "application/json", Map.of());
        assertProblem(staleAnswer, 401, "Unauthorized");
        assertThat(JSON.readTree(staleAnswer.body()).get("detail").asText()).as("the refusal names the old session")
                .contains("session is too old");
        assertThat(RowCounts.of(hub)).as("rows of every table").isEqualTo(rowsBefore);
        assertThat(hub.raw("GET", "/api/v1/me", stale, null, null, Map.of()).statusCode()).isEqualTo(401);
    }

    /** A problem+json answer with this status and title, and a detail. */
    static void assertProblem(HttpResponse<String> r, int status, String title) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("status").asInt()).as(r.body()).isEqualTo(status);
        assertThat(problem.get("title").asText()).as(r.body()).isEqualTo(title);
        assertThat(problem.path("detail").asText()).as(r.body()).isNotBlank();
    }

    @Test
    void webhooksWithoutOrWithAWrongSignatureAreRefusedAndStoreNothing() throws Exception {
        UUID connection = (UUID) hub.query("select id from connection where vendor = 'clio'").get(0).get("id");
        String hookId = (String) hub.query("select vendor_webhook_id from webhook_subscription where model = 'matter' "
                + "and status <> 'deleted' and vendor_webhook_id not like 'pending:%'").get(0).get("vendor_webhook_id");
        String body = "{\"data\":{\"id\":1,\"etag\":\"\\\"x\\\"\",\"updated_at\":\"2026-01-01T00:00:00Z\"},"
                + "\"meta\":{\"event\":\"updated\",\"webhook_id\":" + hookId + "}}";
        long inboxBefore = hub.count("select count(*) from inbox");
        Map<String, Long> rowsBefore = RowCounts.of(hub);
        String path = "/webhooks/clio/" + connection;
        HttpResponse<String> unsigned = hub.raw("POST", path, null, body, "application/json", Map.of());
        HttpResponse<String> wrong = hub.raw("POST", path, null, body, "application/json",
                Map.of("X-Hook-Signature", hmac("not-the-secret", body)));
        HttpResponse<String> garbage = hub.offContract("a body that is not JSON", "POST", path, null, "}{", "application/json",
                Map.of("X-Hook-Signature", hmac("not-the-secret", "}{")));
        HttpResponse<String> unknownConnection = hub.raw("POST", "/webhooks/clio/" + UUID.randomUUID(), null, body,
                "application/json", Map.of("X-Hook-Signature", hmac("x", body)));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(unknownConnection.statusCode()).isEqualTo(404);
        for (HttpResponse<String> r : List.of(unsigned, wrong, garbage, unknownConnection)) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertProblem(unsigned, 401, "Missing signature");
        assertProblem(wrong, 401, "Invalid signature");
        assertProblem(garbage, 401, "Invalid signature");
        assertProblem(unknownConnection, 404, "Unknown webhook endpoint");
        assertThat(hub.count("select count(*) from inbox")).isEqualTo(inboxBefore);
        assertThat(RowCounts.of(hub)).as("rows of every table").isEqualTo(rowsBefore);
    }

    @Test
    void aReplayedWebhookEventIsRefusedAndProcessedOnce() throws Exception {
        UUID connection = (UUID) hub.query("select id from connection where vendor = 'clio'").get(0).get("id");
        String hookId = (String) hub.query("select vendor_webhook_id from webhook_subscription where model = 'matter' "
                + "and status <> 'deleted' and vendor_webhook_id not like 'pending:%'").get(0).get("vendor_webhook_id");
        String secret = hub.asSystem(() -> hub.bean(org.matterhub.store.model.WebhookSubscriptionRepository.class)
                .secret(connection, hookId)).orElseThrow();
        long clioMatter = hub.clio().data().matterIds().get(0);
        String body = "{\"data\":{\"id\":" + clioMatter + ",\"etag\":\"\\\"replay-test\\\"\",\"updated_at\":\"2026-01-01T00:00:00Z\"},"
                + "\"meta\":{\"event\":\"updated\",\"webhook_id\":" + hookId + "}}";
        Map<String, String> signed = Map.of("X-Hook-Signature", hmac(secret, body));
        String path = "/webhooks/clio/" + connection;
        assertThat(hub.raw("POST", path, null, body, "application/json", signed).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = hub.raw("POST", path, null, body, "application/json", signed);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(replay.body()).get("title").asText()).isEqualTo("Duplicate event");
        assertThat(hub.count("select count(*) from inbox where event_id like ?", hookId + ":updated:" + clioMatter
                + ":\"replay-test\"")).isEqualTo(1);
    }

    static String sign(RSAKey key, String issuer, String audience, Instant exp, String email) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("x")
                .claim("email", email).issueTime(new Date()).expirationTime(Date.from(exp)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
