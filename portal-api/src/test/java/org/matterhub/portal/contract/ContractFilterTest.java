package org.matterhub.portal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The contract at the edge: what passes to the controller, and the problem everything else gets. */
class ContractFilterTest {

    private static final ApiContract CONTRACT = ApiContract.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = UUID.randomUUID().toString();
    private final ContractFilter filter = new ContractFilter(CONTRACT, 65_536, r -> false);

    record Outcome(MockHttpServletResponse response, MockFilterChain chain) {
        boolean passed() {
            return chain.getRequest() != null;
        }

        JsonNode problem() throws Exception {
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            return JSON.readTree(response.getContentAsString());
        }
    }

    private Outcome send(String method, String path, String query, String contentType, String body, String accept)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setQueryString(query);
        if (contentType != null) {
            request.setContentType(contentType);
            request.addHeader("Content-Type", contentType);
        }
        if (body != null) {
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
        }
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(response, chain);
    }

    @Test
    void aCallThatKeepsTheContractReachesTheControllerWithItsBody() throws Exception {
        String body = "{\"matterId\":\"" + ID + "\",\"scopes\":[\"documents\"]}";
        Outcome o = send("POST", "/api/v1/staff/users/" + ID + "/grants", null, "application/json", body, "application/json");
        assertThat(o.passed()).as(o.response().getContentAsString()).isTrue();
        assertThat(o.chain().getRequest().getInputStream().readAllBytes()).asString().isEqualTo(body);
    }

    @Test
    void deadLettersStatusAllIsAValidFilter() throws Exception {
        assertThat(send("GET", "/ops/v1/dead-letters", "status=all", null, null, null).passed()).isTrue();
        Outcome bad = send("GET", "/ops/v1/dead-letters", "status=everything", null, null, null);
        assertThat(bad.passed()).isFalse();
        assertThat(bad.response().getStatus()).isEqualTo(400);
        assertThat(bad.problem().get("type").asText()).isEqualTo(ContractProblems.INVALID_INPUT);
        assertThat(bad.problem().get("errors").has("query.status")).isTrue();
    }

    @Test
    void nulAndControlCharactersInParametersAre400() throws Exception {
        Outcome nul = send("GET", "/api/v1/search", "q=pro%00be", null, null, null);
        assertThat(nul.passed()).isFalse();
        assertThat(nul.response().getStatus()).isEqualTo(400);
        assertThat(nul.problem().get("type").asText()).isEqualTo(ContractProblems.CONTROL_CHARACTERS);
        assertThat(nul.problem().get("errors").has("query.q")).isTrue();
        assertThat(send("GET", "/api/v1/search", "q=a%0Db", null, null, null).response().getStatus()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/search", "q=%ff%fe", null, null, null).response().getStatus()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/search", "q=probe", null, null, null).passed()).isTrue();
    }

    @Test
    void controlCharactersInBodyStringsAre400() throws Exception {
        Outcome o = send("PATCH", "/api/v1/me/contact", null, "application/json", "{\"phone\":\"+1 555\\u0000 0100\"}", null);
        assertThat(o.response().getStatus()).isEqualTo(400);
        assertThat(o.problem().get("errors").has("body.phone")).as(o.response().getContentAsString()).isTrue();
    }

    @Test
    void xmlBodiesAre415AndXmlAcceptIs406() throws Exception {
        Outcome xml = send("PATCH", "/api/v1/me/contact", null, "application/xml", "<contact><phone>1</phone></contact>", null);
        assertThat(xml.passed()).isFalse();
        assertThat(xml.response().getStatus()).isEqualTo(415);
        assertThat(xml.problem().get("type").asText()).isEqualTo(ContractProblems.UNSUPPORTED_MEDIA_TYPE);
        Outcome accept = send("GET", "/api/v1/me", null, null, null, "application/xml");
        assertThat(accept.response().getStatus()).isEqualTo(406);
        assertThat(accept.problem().get("type").asText()).isEqualTo(ContractProblems.NOT_ACCEPTABLE);
        assertThat(send("GET", "/api/v1/me", null, null, null, "application/json, */*;q=0.1").passed()).isTrue();
    }

    @Test
    void trailingGarbageAndDuplicateKeysAre400() throws Exception {
        for (String body : new String[] {"{\"phone\":\"+1 555 0100\"}}}", "{\"phone\":\"1\"} {}",
                "{\"phone\":\"1\",\"phone\":\"2\"}", "{\"phone\":", "[" .repeat(100)}) {
            Outcome o = send("PATCH", "/api/v1/me/contact", null, "application/json", body, null);
            assertThat(o.response().getStatus()).as(body).isEqualTo(400);
            assertThat(o.problem().get("type").asText()).as(body).isEqualTo(ContractProblems.MALFORMED_JSON);
        }
    }

    @Test
    void unknownFieldsWrongTypesAndOutOfRangeNumbersAre400WithTheField() throws Exception {
        Outcome unknown = send("PATCH", "/api/v1/me/contact", null, "application/json", "{\"fax\":\"1\"}", null);
        assertThat(unknown.response().getStatus()).isEqualTo(400);
        assertThat(unknown.response().getContentAsString()).contains("fax");
        Outcome range = send("GET", "/api/v1/matters", "limit=100000000000", null, null, null);
        assertThat(range.response().getStatus()).isEqualTo(400);
        assertThat(range.problem().get("errors").has("query.limit")).isTrue();
        Outcome unexpected = send("GET", "/api/v1/matters", "limt=5", null, null, null);
        assertThat(unexpected.response().getStatus()).isEqualTo(400);
        assertThat(unexpected.problem().get("errors").has("query.limt")).isTrue();
        String detail = range.problem().toString();
        assertThat(detail).doesNotContainIgnoringCase("swagger").doesNotContainIgnoringCase("validation.request")
                .doesNotContain("[Path");
    }

    @Test
    void valueRulesOfABodyAre422AsBeanValidationAnswers() throws Exception {
        for (String body : new String[] {"{\"email\":\"not-an-email\"}", "{\"phone\":\"call me maybe\"}", "{}"}) {
            Outcome o = send("PATCH", "/api/v1/me/contact", null, "application/json", body, null);
            assertThat(o.response().getStatus()).as(body).isEqualTo(422);
            assertThat(o.problem().get("type").asText()).isEqualTo(ContractProblems.INVALID_REQUEST);
            assertThat(o.problem().get("errors").size()).isPositive();
        }
        Outcome email = send("PATCH", "/api/v1/me/contact", null, "application/json", "{\"email\":\"x\"}", null);
        assertThat(email.problem().get("errors").has("email")).isTrue();
        String payment = "/api/v1/staff/invoices/" + ID + "/payments";
        Outcome missing = send("POST", payment, null, "application/json",
                "{\"currency\":\"GBP\",\"receivedOn\":\"2024-05-01\",\"method\":\"cheque\"}", null);
        assertThat(missing.response().getStatus()).isEqualTo(422);
        assertThat(missing.problem().get("errors").has("amount")).as(missing.response().getContentAsString()).isTrue();
        Outcome typed = send("PATCH", "/api/v1/me/contact", null, "application/json", "{\"email\":42}", null);
        assertThat(typed.response().getStatus()).isEqualTo(400);
    }

    @Test
    void unknownPathsAndMethodsGetProblems() throws Exception {
        Outcome missing = send("GET", "/api/v1/nothing-here", null, null, null, null);
        assertThat(missing.response().getStatus()).isEqualTo(404);
        assertThat(missing.problem().get("type").asText()).isEqualTo(ContractProblems.UNKNOWN_OPERATION);
        assertThat(send("DELETE", "/api/v1/me", null, null, null, null).response().getStatus()).isEqualTo(405);
    }

    @Test
    void webhooksAreCheckedForMediaTypeAndHeadersButTheirBodiesWaitForTheSignature() throws Exception {
        assertThat(send("POST", "/webhooks/xero", null, "application/json", "}{", null).passed()).isTrue();
        assertThat(send("POST", "/webhooks/quickbooks", null, "application/json", "{}", null).passed()).isTrue();
        assertThat(send("POST", "/webhooks/quickbooks", null, "application/xml", "<a/>", null).response().getStatus())
                .isEqualTo(415);
        assertThat(send("POST", "/webhooks/clio/not-a-uuid", null, "application/json", "{}", null).response().getStatus())
                .isEqualTo(400);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        Outcome o = send("PATCH", "/api/v1/me/contact", null, "application/json",
                "{\"phone\":\"" + "1".repeat(70_000) + "\"}", null);
        assertThat(o.response().getStatus()).isEqualTo(413);
    }

    @Test
    void onlyTheApiIsItsBusiness() throws Exception {
        assertThat(send("GET", "/actuator/health", "x=%00", null, null, null).passed()).isTrue();
        assertThat(send("GET", "/api/v1/openapi.yaml", null, null, null, "application/xml").passed()).isTrue();
    }
}
