package org.matterhub.config.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.portal.api.ApiModels;
import org.matterhub.portal.ops.OpsController;
import org.matterhub.store.model.MatterSectionsRepository;
import org.matterhub.store.sync.DeadLetter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.yaml.snakeyaml.Yaml;

/** The contract helper against hand-written and Jackson-written bodies, without Spring. */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final UUID ID = UUID.fromString("0b7c7d5e-1f0a-4b5e-9a51-0d6f8f5c9a11");
    private static final String MATTER_PATH = "/api/v1/matters/" + ID;

    /** Serialises as the application does (spring.jackson.default-property-inclusion: non_null, ISO dates). */
    private static final ObjectMapper BOOT_JSON = Jackson2ObjectMapperBuilder.json()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final String MATTERS_PAGE = """
            {"items":[{"id":"%s","displayNumber":"00042-Acme","status":"open","clientOrgName":"Acme",
              "openDate":"2024-03-01","updatedAt":"2024-05-01T10:00:00.123456Z"}],"limit":50,"offset":0}
            """.formatted(ID);

    @Test
    void acceptsAMatchingBody() {
        assertThatCode(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", "status=open&limit=50", 200, JSON,
                MATTERS_PAGE)).doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.assertResponse("get", "/api/v1/matters?offset=0", null, 200,
                "application/json;charset=UTF-8", MATTERS_PAGE)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAWrongType() {
        String body = MATTERS_PAGE.replace("\"limit\":50", "\"limit\":\"50\"");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 200, JSON, body))
                .isInstanceOf(AssertionError.class).hasMessageContaining("limit");
    }

    @Test
    void rejectsAMissingRequiredField() {
        String body = MATTERS_PAGE.replace("\"displayNumber\":\"00042-Acme\",", "");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 200, JSON, body))
                .isInstanceOf(AssertionError.class).hasMessageContaining("displayNumber");
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        String body = MATTERS_PAGE.replace("\"status\":\"open\"", "\"status\":\"archived\"");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 200, JSON, body))
                .isInstanceOf(AssertionError.class).hasMessageContaining("archived");
    }

    @Test
    void rejectsAnExtraProperty() {
        String body = MATTERS_PAGE.replace("\"limit\":50", "\"limit\":50,\"total\":1");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 200, JSON, body))
                .isInstanceOf(AssertionError.class).hasMessageContaining("total");
        String nested = MATTERS_PAGE.replace("\"clientOrgName\":\"Acme\"", "\"clientOrgName\":\"Acme\",\"clientOrgId\":\"" + ID + "\"");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 200, JSON, nested))
                .isInstanceOf(AssertionError.class).hasMessageContaining("clientOrgId");
    }

    @Test
    void rejectsANullWhereJacksonWouldOmit() {
        String body = MATTERS_PAGE.replace("\"clientOrgName\":\"Acme\"", "\"clientOrgName\":null");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 200, JSON, body))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsUndocumentedStatusContentTypeAndPath() {
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/matters", null, 418, PROBLEM, problem(418)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("418");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", MATTER_PATH, null, 404, JSON, problem(404)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/nothing-here", null, 200, JSON, "{}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CONTRACT.assertResponse("PUT", "/api/v1/matters", null, 200, JSON, MATTERS_PAGE))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void acceptsFilterProblemsWithoutCredentialsOnTheRequest() {
        String unauthorized = """
                {"type":"https://matterhub.dev/problems/unauthorized","title":"Unauthorized","status":401,
                 "detail":"A valid bearer token is required."}""";
        assertThatCode(() -> CONTRACT.assertResponse("GET", "/ops/v1/connections", null, 401, PROBLEM, unauthorized))
                .doesNotThrowAnyException();
    }

    @Test
    void problemsAreStrictToo() {
        String extra = problem(404).replace("\"status\":404", "\"status\":404,\"stack\":\"java.lang…\"");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", MATTER_PATH, null, 404, PROBLEM, extra))
                .isInstanceOf(AssertionError.class).hasMessageContaining("stack");
        String noTitle = problem(404).replace("\"title\":\"Not found\",", "");
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", MATTER_PATH, null, 404, PROBLEM, noTitle))
                .isInstanceOf(AssertionError.class).hasMessageContaining("title");
    }

    @Test
    void acceptsSpringProblemDetailsAsJacksonWritesThem() throws Exception {
        ProblemDetail notFound = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Matter x does not exist.");
        notFound.setTitle("Not found");
        notFound.setType(URI.create("https://matterhub.dev/problems/not-found"));
        notFound.setInstance(URI.create(MATTER_PATH));
        CONTRACT.assertResponse("GET", MATTER_PATH, null, 404, PROBLEM, BOOT_JSON.writeValueAsString(notFound));

        ProblemDetail invalid = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, "Some fields are invalid.");
        invalid.setTitle("Invalid request");
        invalid.setType(URI.create("https://matterhub.dev/problems/invalid-request"));
        invalid.setProperty("errors", Map.of("scopes", "must not be empty"));
        CONTRACT.assertResponse("POST", "/api/v1/staff/users/" + ID + "/grants", null, 422, PROBLEM,
                BOOT_JSON.writeValueAsString(invalid));

        ProblemDetail mismatch = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Failed to convert 'userId'.");
        CONTRACT.assertResponse("POST", "/api/v1/staff/users/nope/revocation", null, 400, PROBLEM,
                BOOT_JSON.writeValueAsString(mismatch));
    }

    @Test
    void acceptsTheApiModelsAsJacksonWritesThem() throws Exception {
        Instant now = Instant.parse("2024-05-01T10:00:00.123456789Z");
        var address = new ApiModels.Address("1 Main St", "Springfield", null, "12345", "US");
        var me = new ApiModels.Me(ID, "ada@acme.test", "Ada", "client", null, new ApiModels.FirmRef(ID, null),
                List.of(new ApiModels.MembershipView(ID, "Acme", "member")),
                new ApiModels.ContactView("ada@acme.test", null, address));
        CONTRACT.assertResponse("GET", "/api/v1/me", null, 200, JSON, BOOT_JSON.writeValueAsString(me));

        var matter = new ApiModels.MatterView(ID, "00042-Acme", null, ApiModels.MatterStatusView.open, "Litigation", ID,
                "Acme", LocalDate.of(2024, 3, 1), null, now,
                List.of(new ApiModels.Milestone("opened", "Matter opened", now)),
                List.of(new ApiModels.Party("client", "Acme", null),
                        new ApiModels.Party("responsible_attorney", "Lee", "lee@firm.test")),
                List.of(new MatterSectionsRepository.DocumentItem(ID, "Engagement letter", null, "published", 2, now)),
                List.of(new MatterSectionsRepository.MessageItem(ID, null, "Hello", now)),
                List.of(new MatterSectionsRepository.InvoiceItem(ID, "INV-1", "open", "USD", 125_000, 25_000,
                        LocalDate.of(2024, 4, 1), null, false)),
                List.of(new MatterSectionsRepository.AppointmentItem(ID, "Hearing", now, now.plusSeconds(3600), null,
                        "confirmed")),
                List.of(new MatterSectionsRepository.SignatureItem(ID, "Settlement", "sent", now)));
        CONTRACT.assertResponse("GET", MATTER_PATH, null, 200, JSON, BOOT_JSON.writeValueAsString(matter));

        var grant = new ApiModels.GrantView(ID, ID, List.of("documents", "messages"));
        CONTRACT.assertResponse("POST", "/api/v1/staff/users/" + ID + "/grants", null, 201, JSON,
                BOOT_JSON.writeValueAsString(grant));

        var health = new OpsController.ConnectionHealth(ID, "clio", "Clio", "active", 12L, null, 0, null, null,
                new OpsController.RateLimit(null, null, null, null), 0, 3, 0,
                List.of(new OpsController.Webhook("77", "matter", "enabled", now, -5L)));
        CONTRACT.assertResponse("GET", "/ops/v1/connections", null, 200, JSON, BOOT_JSON.writeValueAsString(List.of(health)));

        var deadLetter = new DeadLetter(7, ID, "outbox", 42L, "{}", "HTTP 422", "permanent", 5, "open", now, null);
        CONTRACT.assertResponse("GET", "/ops/v1/dead-letters", "status=open", 200, JSON,
                BOOT_JSON.writeValueAsString(List.of(deadLetter)));
        CONTRACT.assertResponse("POST", "/ops/v1/dead-letters/7/replay", null, 202, JSON,
                BOOT_JSON.writeValueAsString(Map.of("deadLetterId", 7L, "status", "replaying")));
    }

    @Test
    void rawRowsKeepTheirNulls() {
        String row = """
                [{"entity_type":"contact","entity_id":"%s","field":"phone","owner_system":"clio","kept_value":null,
                  "lost_system":"portal","lost_value":"+1 555","occurred_at":"2024-05-01T10:00:00.000+00:00"}]
                """.formatted(ID);
        assertThatCode(() -> CONTRACT.assertResponse("GET", "/ops/v1/field-conflicts", null, 200, JSON, row))
                .doesNotThrowAnyException();
    }

    @Test
    void responsesWithoutBodies() {
        assertThatCode(() -> CONTRACT.assertResponse("DELETE", "/api/v1/staff/users/" + ID + "/grants/" + ID, null, 204,
                null, null)).doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.assertResponse("POST", "/webhooks/clio/" + ID, null, 200, null, ""))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> CONTRACT.assertResponse("GET", "/api/v1/me", null, 200, JSON, ""))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void checksRequestsButNotCredentials() {
        String path = "/api/v1/staff/users/" + ID + "/grants";
        assertThatCode(() -> CONTRACT.assertRequest("POST", path, null, JSON,
                "{\"matterId\":\"" + ID + "\",\"scopes\":[\"documents\"]}")).doesNotThrowAnyException();
        assertThatThrownBy(() -> CONTRACT.assertRequest("POST", path, null, JSON,
                "{\"matterId\":\"" + ID + "\",\"scopes\":[]}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CONTRACT.assertRequest("POST", path, null, JSON,
                "{\"matterId\":\"" + ID + "\",\"scopes\":[\"billing\"]}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> CONTRACT.assertRequest("PATCH", "/api/v1/me/contact", null, "application/merge-patch+json",
                "{\"phone\":\"+1 555 0100\",\"fax\":\"1\"}")).isInstanceOf(AssertionError.class).hasMessageContaining("fax");
        assertThatCode(() -> CONTRACT.assertRequest("PATCH", "/api/v1/me/contact", null, "application/merge-patch+json",
                "{\"address\":{\"city\":\"Springfield\"}}")).doesNotThrowAnyException();
        assertThatThrownBy(() -> CONTRACT.assertRequest("GET", "/api/v1/matters", "limit=500", null, null))
                .isInstanceOf(AssertionError.class).hasMessageContaining("limit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAuthenticatedOperationDocumentsItsAuthProblems() throws Exception {
        Map<String, Object> spec;
        try (var in = OpenApiContract.class.getClassLoader().getResourceAsStream(OpenApiContract.RESOURCE)) {
            spec = new Yaml().load(in);
        }
        var paths = (Map<String, Map<String, Map<String, Object>>>) spec.get("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(operation).as(method + " " + path).containsKeys("operationId", "tags", "responses");
            var responses = (Map<String, Object>) operation.get("responses");
            boolean authenticated = !operation.containsKey("security");
            if (authenticated) {
                assertThat(path.startsWith("/api/v1/") || path.startsWith("/ops/v1/")).as(path).isTrue();
                assertThat(responses).as(method + " " + path).containsKeys("401", "403");
            }
            if (!path.equals("/api/v1/openapi.yaml")) {
                assertThat(responses.keySet()).as(method + " " + path).anyMatch(code -> code.startsWith("4"));
            }
        }));
    }

    /**
     * The HTTP helpers every test uses check requests and responses: an off-contract request fails before it is sent,
     * an off-contract response fails when it arrives, and only the named opt-out lets a hostile request through.
     */
    @Test
    void theHelpersRefuseOffContractCallsBothWays() throws Exception {
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = (exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("offset=1")
                    ? MATTERS_PAGE.replace("\"limit\":50", "\"limit\":50,\"total\":1") : MATTERS_PAGE)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", JSON);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (TestHub hub = TestHub.client(server.getAddress().getPort())) {
            assertThat(hub.call("GET", "/api/v1/matters?limit=50", null, null, null).statusCode()).isEqualTo(200);
            assertThat(served).hasValue(1);
            // requests: an undocumented parameter, an out-of-range one, an invalid body, a wrong media type
            assertThatThrownBy(() -> hub.call("GET", "/api/v1/matters?sort=name", null, null, null))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("sort");
            assertThatThrownBy(() -> hub.raw("GET", "/api/v1/matters?limit=500", null, null, null, Map.of()))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("limit");
            assertThatThrownBy(() -> hub.raw("PATCH", "/api/v1/me/contact", null, "{\"fax\":\"1\"}", JSON, Map.of()))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("fax");
            assertThatThrownBy(() -> hub.raw("PATCH", "/api/v1/me/contact", null, "<contact/>", "application/xml", Map.of()))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
            assertThat(served).as("no off-contract request was sent").hasValue(1);
            // responses: an undocumented field fails even when the request was fine
            assertThatThrownBy(() -> hub.call("GET", "/api/v1/matters?offset=1", null, null, null))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("total");
            // the named opt-out sends the hostile request, and still checks the response
            assertThat(hub.offContract("an unknown parameter", "GET", "/api/v1/matters?sort=name", null, null, null, Map.of())
                    .statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> hub.offContract("", "GET", "/api/v1/matters", null, null, null, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            server.stop(0);
        }
        ChildHub child = new ChildHub("jdbc:postgresql://127.0.0.1:1/none", "owner", "", Map.of(),
                java.nio.file.Path.of("target", "unused.log"));
        assertThatThrownBy(() -> child.send("POST", "/api/v1/staff/users/" + ID + "/grants", null, "{\"scopes\":[]}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("scopes");
    }

    private static String problem(int status) {
        return """
                {"type":"https://matterhub.dev/problems/not-found","title":"Not found","status":%d,
                 "detail":"Matter x does not exist or is not visible to you.","instance":"%s"}""".formatted(status, MATTER_PATH);
    }
}
