package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;

/**
 * The OpenAPI contract enforced at run time, over real HTTP: each defect found by the outside tester answered as
 * the contract says, XML neither read nor served, and authorisation decided before any body is looked at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractEnforcementIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROBLEMS = "https://matterhub.dev/problems/";
    TestHub hub;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    private String token(String email) {
        return hub.bean(org.matterhub.portal.security.EmbeddedIssuer.class).mint(email, Duration.ofHours(1),
                Map.of("amr", java.util.List.of("pwd", "mfa")));
    }

    private static JsonNode problem(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(r.statusCode());
        assertThat(r.body()).doesNotContainIgnoringCase("swagger").doesNotContain("validation.request")
                .doesNotContain("Exception");
        return p;
    }

    @Test
    void deadLettersWithStatusAllAreListed() {
        HttpResponse<String> r = hub.call("GET", "/ops/v1/dead-letters?status=all", token("ops@harbourlaw.example"), null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(hub.call("GET", "/ops/v1/dead-letters?status=replayed&limit=5", token("ops@harbourlaw.example"), null, null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aNulInTheSearchQueryIs400() throws Exception {
        HttpResponse<String> r = hub.offContract("a NUL in a parameter", "GET", "/api/v1/search?q=pro%00be",
                token("gc@northwind.example"), null, null, Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(problem(r).get("type").asText()).isEqualTo(PROBLEMS + "control-characters");
        assertThat(problem(r).get("errors").has("query.q")).isTrue();
    }

    @Test
    void unlinkedCustomersAreAStateTheContractKnows() {
        String staff = token("schen@harbourlaw.example");
        // the demo's QuickBooks company has customers linked to no client org; every response is checked by TestHub
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.call("GET", "/api/v1/staff/invoices?unresolved=true&limit=100",
                staff, null, null).body().contains("\"matterResolution\":\"unlinked_customer\""));
    }

    @Test
    void xmlIsNeitherReadNorServed() throws Exception {
        String partner = token("schen@harbourlaw.example");
        UUID org = (UUID) hub.query("select id from client_org order by name limit 1").get(0).get("id");
        long users = hub.count("select count(*) from portal_user");
        HttpResponse<String> xml = hub.offContract("an XML body", "POST", "/api/v1/staff/client-orgs/" + org + "/invitations",
                partner, "<invitation><email>xml@y.example</email><displayName>X</displayName><role>member</role></invitation>",
                "application/xml", Map.of());
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(problem(xml).get("type").asText()).isEqualTo(PROBLEMS + "unsupported-media-type");
        assertThat(hub.count("select count(*) from portal_user")).isEqualTo(users);

        HttpResponse<String> accept = hub.offContract("Accept: application/xml", "GET", "/api/v1/me",
                token("gc@northwind.example"), null, null, Map.of("Accept", "application/xml"));
        assertThat(accept.statusCode()).isEqualTo(406);
        assertThat(problem(accept).get("type").asText()).isEqualTo(PROBLEMS + "not-acceptable");
        assertThat(accept.body()).doesNotStartWith("<");
    }

    @Test
    void trailingGarbageDuplicateKeysAndControlCharactersAre400AndStoreNothing() throws Exception {
        String client = token("gc@northwind.example");
        long outbox = hub.count("select count(*) from outbox");
        for (String body : new String[] {"{\"phone\":\"+1 555 0100\"}}}", "{\"phone\":\"+1 555 0100\"}garbage",
                "{\"phone\":\"+1 555 0100\",\"phone\":\"+1 555 0199\"}"}) {
            HttpResponse<String> r = hub.offContract("malformed JSON", "PATCH", "/api/v1/me/contact", client, body,
                    "application/json", Map.of());
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(problem(r).get("type").asText()).isEqualTo(PROBLEMS + "malformed-json");
        }
        HttpResponse<String> nul = hub.offContract("a NUL in a body string", "PATCH", "/api/v1/me/contact", client,
                "{\"address\":{\"city\":\"Spring\\u0000field\"}}", "application/json", Map.of());
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(problem(nul).get("errors").has("body.address.city")).isTrue();
        assertThat(hub.count("select count(*) from outbox")).isEqualTo(outbox);
    }

    @Test
    void authorisationComesBeforeAnyLookAtTheBody() throws Exception {
        UUID org = (UUID) hub.query("select id from client_org order by name limit 1").get(0).get("id");
        String invalid = "{\"email\":\"not-an-email\",\"role\":\"superuser\",\"extra\":1}}";
        String invitations = "/api/v1/staff/client-orgs/" + org + "/invitations";
        // a client, ops, and staff without the senior role: 403 for a malformed body, a wrong media type, an XML body
        for (String who : new String[] {"gc@northwind.example", "ops@harbourlaw.example", "aosei@harbourlaw.example"}) {
            for (String[] body : new String[][] {{invalid, "application/json"}, {"<x/>", "application/xml"}}) {
                HttpResponse<String> r = hub.offContract("an invalid body from a caller without the role", "POST",
                        invitations, token(who), body[0], body[1], Map.of());
                assertThat(r.statusCode()).as(who + " " + body[1] + ": " + r.body()).isEqualTo(403);
                assertThat(r.body()).doesNotContain("email").doesNotContain("superuser");
            }
        }
        HttpResponse<String> grants = hub.offContract("an invalid grant from a client", "POST",
                "/api/v1/staff/users/" + UUID.randomUUID() + "/grants", token("gc@northwind.example"), "{\"scopes\":[]}",
                "application/json", Map.of());
        assertThat(grants.statusCode()).isEqualTo(403);
        HttpResponse<String> ops = hub.offContract("a bad filter from a client", "GET", "/ops/v1/dead-letters?status=nope",
                token("gc@northwind.example"), null, null, Map.of());
        assertThat(ops.statusCode()).isEqualTo(403);
        // the same body from a partner is judged on its merits
        HttpResponse<String> partner = hub.offContract("an invalid body from a partner", "POST", invitations,
                token("schen@harbourlaw.example"), invalid, "application/json", Map.of());
        assertThat(partner.statusCode()).isEqualTo(400);
        assertThat(problem(partner).get("type").asText()).isEqualTo(PROBLEMS + "malformed-json");
    }

    @Test
    void accountingWebhooksAreInTheContract() throws Exception {
        HttpResponse<String> qbo = hub.raw("POST", "/webhooks/quickbooks", null, "{\"eventNotifications\":[]}",
                "application/json", Map.of("intuit-signature", "bm90LWEtc2lnbmF0dXJl"));
        assertThat(qbo.statusCode()).isIn(401, 404);
        problem(qbo);
        HttpResponse<String> xero = hub.raw("POST", "/webhooks/xero", null, "{\"events\":[]}", "application/json",
                Map.of("x-xero-signature", "bm90LWEtc2lnbmF0dXJl"));
        assertThat(xero.statusCode()).isIn(401, 404);
        HttpResponse<String> xml = hub.offContract("an XML webhook", "POST", "/webhooks/quickbooks", null, "<a/>",
                "application/xml", Map.of());
        assertThat(xml.statusCode()).isEqualTo(415);
    }
}
