package org.matterhub.simulators.xero;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.simulators.common.Json;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the test sends and every 200/400 answer the simulator gives for contacts, invoices (incl. the
 * online invoice), payments and credit notes is validated against Xero's official {@code xero_accounting.yaml}
 * (v16.1.0, byte-for-byte copy), and {@code /Connections} against {@code xero-identity.yaml}, with
 * swagger-request-validator-core as ClioContractTest does.
 *
 * <p>One allowance: {@code validation.schema.additionalProperties} → IGNORE (the live API adds envelope keys
 * {@code Id}, {@code Status}, {@code ProviderName}, {@code DateTimeUTC} that the document omits; VENDORS.md §5.2).
 * Types, enums, formats and required fields stay errors. Statuses the document does not declare for an operation
 * (404, 429) are checked for Xero's shape in the other tests, not here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XeroContractTest {

    /**
     * xero-identity.yaml declares {@code createdDateUtc}/{@code updatedDateUtc} as {@code format: date-time} (offset
     * required) while its own example, the live API and the SDK's {@code LocalDateTime} field carry no offset
     * ({@code 2019-12-07T18:46:19.5165400}). The simulator follows the example; only that message is dropped.
     */
    private static final java.util.regex.Pattern CONNECTION_DATE_QUIRK = java.util.regex.Pattern.compile(
            "Path '/\\d+/(created|updated)DateUtc'.*invalid against requested date format");

    private OpenApiInteractionValidator accounting;
    private OpenApiInteractionValidator identity;
    private XeroSimulator sim;
    private XeroDemoSeed seed;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        accounting = validator("contracts/xero/xero_accounting.yaml", "/api.xro/2.0");
        identity = validator("contracts/xero/xero-identity.yaml", "/");
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults().withLimits(0, 0, 0, 0).withPageSize(2));
        sim.registerApp("matterhub", "s3cret");
        seed = sim.seedDemoOrganisation();
        token = sim.issueAccessToken("matterhub");
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private OpenApiInteractionValidator validator(String resource, String basePath) throws Exception {
        String spec;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride(basePath)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private HttpResponse<String> check(String method, String pathAndQuery, String body, int expected,
                                       String... headers) throws Exception {
        return check(accounting, sim.accountingBasePath(), "/api.xro/2.0", method, pathAndQuery, body, expected, headers);
    }

    private HttpResponse<String> check(OpenApiInteractionValidator v, String base, String prefix, String method,
                                       String pathAndQuery, String body, int expected, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("xero-tenant-id", sim.tenantId().toString())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + pathAndQuery + " → " + r.body()).isEqualTo(expected);

        String path = (prefix.equals("/") ? "" : prefix) + pathAndQuery.split("\\?")[0];
        SimpleRequest.Builder rb = new SimpleRequest.Builder(method, path)
                .withHeader("Authorization", "Bearer " + token)
                .withHeader("xero-tenant-id", sim.tenantId().toString())
                .withAccept("application/json");
        for (int i = 0; i < headers.length; i += 2) {
            rb.withHeader(headers[i], headers[i + 1]);
        }
        if (body != null) {
            rb.withContentType("application/json").withBody(body);
        }
        if (pathAndQuery.contains("?")) {
            for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                rb.withQueryParam(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        Request req = rb.build();
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
        r.headers().map().forEach((k, vals) -> vals.forEach(val -> resp.withHeader(k, val)));
        resp.withContentType(r.headers().firstValue("Content-Type").orElse("application/json"));
        ValidationReport report = v.validate(req, resp.build());
        assertThat(report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !CONNECTION_DATE_QUIRK.matcher(m.toString()).find())
                .map(ValidationReport.Message::toString).collect(Collectors.toList()))
                .as(method + " " + pathAndQuery).isEmpty();
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstOf(HttpResponse<String> r, String key) throws Exception {
        return ((List<Map<String, Object>>) ((Map<String, Object>) Json.parse(r.body())).get(key)).get(0);
    }

    @Test
    void contactResponsesMatchTheSpec() throws Exception {
        check("GET", "/Contacts", null, 200);
        check("GET", "/Contacts?page=1", null, 200);
        check("GET", "/Contacts?where=" + enc("ContactStatus==\"ACTIVE\""), null, 200);
        check("GET", "/Contacts/" + seed.contactIds().get(0), null, 200);
        HttpResponse<String> created = check("PUT", "/Contacts", "{\"Contacts\":[{\"Name\":\"Spec Check Ltd\","
                + "\"ContactNumber\":\"CLIO-900\",\"EmailAddress\":\"a@spec.example\"}]}", 200);
        String id = (String) firstOf(created, "Contacts").get("ContactID");
        check("POST", "/Contacts", "{\"Contacts\":[{\"ContactID\":\"" + id + "\",\"FirstName\":\"Ada\"}]}", 200);
        check("POST", "/Contacts/" + id, "{\"Contacts\":[{\"LastName\":\"Lovelace\"}]}", 200);
        check("PUT", "/Contacts", "{\"Contacts\":[{\"Name\":\"Spec Check Ltd\"}]}", 400);
    }

    @Test
    void invoiceResponsesMatchTheSpec() throws Exception {
        check("GET", "/Invoices", null, 200);
        check("GET", "/Invoices?page=2", null, 200);
        check("GET", "/Invoices?where=" + enc("Status==\"AUTHORISED\" AND Type==\"ACCREC\""), null, 200);
        check("GET", "/Invoices?Statuses=PAID,VOIDED", null, 200);
        check("GET", "/Invoices", null, 200, "If-Modified-Since", Instant.now().minusSeconds(3600).toString());
        for (var id : seed.invoiceIds()) {
            check("GET", "/Invoices/" + id, null, 200);
        }
        HttpResponse<String> created = check("PUT", "/Invoices", "{\"Invoices\":[{\"Type\":\"ACCREC\",\"Contact\":{\"ContactID\":\""
                + seed.contactIds().get(1) + "\"},\"Date\":\"2026-06-01\",\"DueDate\":\"2026-06-30\",\"Reference\":\"00020-Bluebird\","
                + "\"Status\":\"AUTHORISED\",\"CurrencyCode\":\"USD\",\"LineAmountTypes\":\"NoTax\",\"LineItems\":[{\"Description\":\"Advice\","
                + "\"Quantity\":1.5,\"UnitAmount\":200.0,\"AccountCode\":\"200\"}]}]}", 200, "Idempotency-Key", "contract-inv-1");
        String id = (String) firstOf(created, "Invoices").get("InvoiceID");
        assertThat(firstOf(created, "Invoices").get("Total")).isEqualTo(300.0);
        check("GET", "/Invoices/" + id + "/OnlineInvoice", null, 200);
        check("POST", "/Invoices/" + id, "{\"Invoices\":[{\"Reference\":\"00020-Bluebird-rev\"}]}", 200);
        check("POST", "/Invoices", "{\"Invoices\":[{\"InvoiceID\":\"" + id + "\",\"Status\":\"VOIDED\"}]}", 200);
        check("POST", "/Invoices/" + id, "{\"Invoices\":[{\"Status\":\"AUTHORISED\"}]}", 400);
        check("PUT", "/Invoices", "{\"Invoices\":[{\"Type\":\"ACCREC\",\"LineItems\":[]}]}", 400);
    }

    @Test
    void paymentResponsesMatchTheSpec() throws Exception {
        check("GET", "/Payments", null, 200);
        check("GET", "/Payments?page=1", null, 200, "If-Modified-Since", "2026-01-01T00:00:00Z");
        check("PUT", "/Payments", "{\"Payments\":[{\"Invoice\":{\"InvoiceID\":\"" + seed.overdueInvoiceId()
                + "\"},\"Account\":{\"Code\":\"090\"},\"Date\":\"2026-04-15\",\"Amount\":100.5,\"Reference\":\"Wire 77\"}]}", 200,
                "Idempotency-Key", "contract-pay-1");
        HttpResponse<String> single = check("POST", "/Payments", "{\"Invoice\":{\"InvoiceID\":\"" + seed.partPaidInvoiceId()
                + "\"},\"Account\":{\"Code\":\"090\"},\"Date\":\"2026-04-16\",\"Amount\":400.00}", 200);
        String paymentId = (String) firstOf(single, "Payments").get("PaymentID");
        check("GET", "/Payments/" + paymentId, null, 200);
        check("PUT", "/Payments", "{\"Payments\":[{\"Invoice\":{\"InvoiceID\":\"" + seed.voidedInvoiceId()
                + "\"},\"Account\":{\"Code\":\"090\"},\"Amount\":1}]}", 400);
    }

    @Test
    void creditNoteResponsesMatchTheSpec() throws Exception {
        check("PUT", "/CreditNotes", "{\"CreditNotes\":[{\"Type\":\"ACCRECCREDIT\",\"Contact\":{\"ContactID\":\""
                + seed.contactIds().get(2) + "\"},\"Status\":\"AUTHORISED\",\"LineItems\":[{\"Description\":\"Refund\","
                + "\"Quantity\":1,\"UnitAmount\":25,\"AccountCode\":\"200\"}]}]}", 200);
        check("GET", "/CreditNotes", null, 200);
        check("GET", "/CreditNotes?page=1", null, 200);
    }

    @Test
    void connectionsMatchTheIdentitySpec() throws Exception {
        check(identity, sim.baseUrl(), "/", "GET", "/Connections", null, 200);
    }

    @Test
    void errorsOutsideTheSpecKeepXerosShape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.accountingBasePath() + "/Invoices/"
                        + java.util.UUID.randomUUID())).header("Authorization", "Bearer " + token)
                .header("xero-tenant-id", sim.tenantId().toString()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"Status\":404");
        HttpResponse<String> noAuth = http.send(HttpRequest.newBuilder(URI.create(sim.accountingBasePath() + "/Invoices"))
                .header("xero-tenant-id", sim.tenantId().toString()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noAuth.statusCode()).isEqualTo(401);
        assertThat(noAuth.body()).contains("\"Title\":\"Unauthorized\"");
    }
}
