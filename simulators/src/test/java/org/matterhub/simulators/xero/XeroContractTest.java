package org.matterhub.simulators.xero;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.simulators.common.Json;

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
 * <p>Allowances as {@link XeroSpec} lists them: {@code validation.schema.additionalProperties} → IGNORE (the live API
 * adds envelope keys {@code Id}, {@code Status}, {@code ProviderName}, {@code DateTimeUTC} that the document omits;
 * VENDORS.md §5.2), the offset-less {@code /connections} dates; statuses the document does not declare for an
 * operation go through {@link #checkUndeclared} with their evidence. Types, enums, formats and required fields stay
 * errors. The other Xero test classes hold every JSON answer they get to the same documents ({@link XeroSpec#problems}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XeroContractTest {

    private OpenApiInteractionValidator accounting;
    private io.swagger.v3.oas.models.OpenAPI accountingModel;
    private OpenApiInteractionValidator identity;
    private XeroSimulator sim;
    private XeroDemoSeed seed;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        accounting = XeroSpec.get().accounting;
        identity = XeroSpec.get().identity;
        accountingModel = XeroSpec.get().accountingModel;
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults().withLimits(0, 0, 0, 0).withPageSize(2));
        sim.registerApp("matterhub", "s3cret");
        seed = sim.seedDemoOrganisation();
        token = sim.issueAccessToken("matterhub");
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private HttpResponse<String> check(String method, String pathAndQuery, String body, int expected,
                                       String... headers) throws Exception {
        return check(accounting, sim.accountingBasePath(), "/api.xro/2.0", method, pathAndQuery, body, expected, headers);
    }

    private HttpResponse<String> check(OpenApiInteractionValidator v, String base, String prefix, String method,
                                       String pathAndQuery, String body, int expected, String... headers) throws Exception {
        return check(v, base, prefix, method, pathAndQuery, body, expected, null, headers);
    }

    /**
     * As {@link #check}, for a status the document does not declare for the operation: {@code evidence} names where the
     * vendor is seen answering it (simulators/README.md, "Xero: behaviours"). The request is still validated, and so is
     * the body: a 400 against the document's own {@code Error} schema, other statuses by {@link XeroSpec#problemShape}.
     */
    private HttpResponse<String> checkUndeclared(String method, String pathAndQuery, String body, int expected,
                                                 String evidence, String... headers) throws Exception {
        assertThat(evidence).as("an undeclared status needs its evidence").isNotBlank();
        // a request without a token or tenant is wrong on purpose: only those request messages are let through
        String allowed = "validation\\.response\\.status\\.unknown"
                + (java.util.Arrays.asList(headers).contains(null)
                ? "|validation\\.request\\.security\\..*|validation\\.request\\.parameter\\.header\\.missing" : "");
        HttpResponse<String> r = check(accounting, sim.accountingBasePath(), "/api.xro/2.0", method, pathAndQuery, body,
                expected, allowed, headers);
        if (expected == 400) {
            ValidationReport report = new com.atlassian.oai.validator.schema.SchemaValidator(accountingModel,
                    new com.atlassian.oai.validator.report.MessageResolver())
                    .validate(r.body(), accountingModel.getComponents().getSchemas().get("Error"), "response.body");
            assertThat(report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(ValidationReport.Message::toString).toList()).as(evidence).isEmpty();
        } else {
            assertThat(XeroSpec.problemShape(r.body(), expected)).as(evidence).isNull();
        }
        return r;
    }

    private HttpResponse<String> check(OpenApiInteractionValidator v, String base, String prefix, String method,
                                       String pathAndQuery, String body, int expected, String allowedKey,
                                       String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        java.util.Map<String, String> sent = new java.util.LinkedHashMap<>();
        sent.put("Authorization", "Bearer " + token);
        sent.put("xero-tenant-id", sim.tenantId().toString());
        for (int i = 0; i < headers.length; i += 2) {
            sent.put(headers[i], headers[i + 1]);
        }
        sent.values().removeIf(java.util.Objects::isNull);
        sent.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + pathAndQuery + " → " + r.body()).isEqualTo(expected);

        String path = (prefix.equals("/") ? "" : prefix) + pathAndQuery.split("\\?")[0];
        SimpleRequest.Builder rb = new SimpleRequest.Builder(method, path).withAccept("application/json");
        sent.forEach(rb::withHeader);
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
                .filter(m -> !XeroSpec.CONNECTION_DATE_QUIRK.matcher(m.toString()).find())
                .filter(m -> allowedKey == null || !m.getKey().matches(allowedKey))
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

    // ------------------------------------------------------------------ issue 13: no kinder than Xero

    /**
     * Xero answers XML unless the request sends {@code Accept: application/json} ("JSON formatted responses are also
     * supported by setting the Accept value …", developer.xero.com/documentation/api/requests-and-responses; the XML
     * envelopes {@code <Response>} and {@code <ApiException>} as on /documentation/api/http-response-codes).
     */
    @Test
    void answersXmlUnlessTheRequestAcceptsJson() throws Exception {
        HttpResponse<String> xml = raw("GET", "/Invoices?page=1", null, null);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        org.w3c.dom.Document doc = parseXml(xml.body());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("Response");
        assertThat(text(doc, "/Response/Status")).isEqualTo("OK");
        assertThat(count(doc, "/Response/Invoices/Invoice")).isGreaterThanOrEqualTo(2);
        assertThat(count(doc, "/Response/Invoices/Invoice/LineItems/LineItem")).isGreaterThanOrEqualTo(2);
        assertThat(text(doc, "/Response/pagination/page")).isEqualTo("1");

        HttpResponse<String> refused = raw("PUT", "/Contacts", "{\"Contacts\":[{\"Name\":\"\"}]}", "*/*");
        assertThat(refused.statusCode()).isEqualTo(400);
        org.w3c.dom.Document error = parseXml(refused.body());
        assertThat(error.getDocumentElement().getNodeName()).isEqualTo("ApiException");
        assertThat(text(error, "/ApiException/ErrorNumber")).isEqualTo("10");
        assertThat(text(error, "/ApiException/Elements/DataContractBase/ValidationErrors/ValidationError/Message"))
                .isEqualTo("The contact name must be specified.");

        HttpResponse<String> org = raw("GET", "/Organisation", null, "application/xml");
        assertThat(text(parseXml(org.body()), "/Response/Organisations/Organisation/OrganisationID"))
                .isEqualTo(sim.tenantId().toString());
        // the same requests asking for JSON get JSON (validated against the document)
        check("GET", "/Invoices?page=1", null, 200);
        check("PUT", "/Contacts", "{\"Contacts\":[{\"Name\":\"\"}]}", 400);
    }

    /** Xero shows line items only on paged lists (xero_accounting.yaml, the {@code page} parameter of getInvoices). */
    @Test
    @SuppressWarnings("unchecked")
    void unpagedListsLeaveOutLineItems() throws Exception {
        for (String list : List.of("Invoices", "CreditNotes")) {
            if (list.equals("CreditNotes")) {
                check("PUT", "/CreditNotes", "{\"CreditNotes\":[{\"Type\":\"ACCRECCREDIT\",\"Contact\":{\"ContactID\":\""
                        + seed.contactIds().get(0) + "\"},\"LineItems\":[{\"Description\":\"Fee waived\",\"Quantity\":1,"
                        + "\"UnitAmount\":10,\"AccountCode\":\"200\"}]}]}", 200);
            }
            List<Map<String, Object>> unpaged = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(
                    check("GET", "/" + list, null, 200).body())).get(list);
            assertThat(unpaged).isNotEmpty().allSatisfy(r -> assertThat(r).doesNotContainKey("LineItems"));
            List<Map<String, Object>> paged = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(
                    check("GET", "/" + list + "?page=1", null, 200).body())).get(list);
            assertThat(paged).isNotEmpty().allSatisfy(r -> assertThat((List<?>) r.get("LineItems")).isNotEmpty());
        }
        // a single invoice always carries its lines
        assertThat((List<?>) firstOf(check("GET", "/Invoices/" + seed.openInvoiceId(), null, 200), "Invoices")
                .get("LineItems")).isNotEmpty();
    }

    /**
     * The {@code where} operators Xero documents (developer.xero.com/documentation/api/requests-and-responses, "where":
     * {@code == != > >= < <=}, AND/&&, OR/||, {@code .Contains/.StartsWith/.EndsWith}, {@code Guid(…)},
     * {@code DateTime(y, m, d)}), on the demo invoices (references {@code 0000n-Client}).
     */
    @Test
    @SuppressWarnings("unchecked")
    void whereSupportsXerosOperators() throws Exception {
        String demo = "Reference.StartsWith(\"0000\") AND ";
        Map<String, List<String>> table = new java.util.LinkedHashMap<>();
        table.put(demo + "Reference.EndsWith(\"Northwind\")", List.of("00001-Northwind", "00002-Northwind"));
        table.put(demo + "Reference.Contains(\"Blue\") && Total > 1000", List.of("00003-Bluebird"));
        table.put(demo + "Total >= 875.50 AND Total <= 1500.00", List.of("00001-Northwind", "00005-CedarPine"));
        table.put("Reference == \"00005-CedarPine\" OR Reference == \"00002-Northwind\"",
                List.of("00005-CedarPine", "00002-Northwind"));
        table.put("Reference == \"00005-CedarPine\" || Reference == \"00002-Northwind\"",
                List.of("00005-CedarPine", "00002-Northwind"));
        table.put(demo + "Date >= DateTime(2026, 03, 01) && Date < DateTime(2026, 04, 01)",
                List.of("00005-CedarPine", "00002-Northwind"));
        table.put(demo + "Contact.ContactID == Guid(\"" + seed.contactIds().get(0).toString().toUpperCase() + "\")",
                List.of("00001-Northwind", "00002-Northwind"));
        table.put(demo + "(Status == \"PAID\" OR Status == \"VOIDED\")", List.of("00001-Northwind", "00002-Northwind"));
        table.put(demo + "Status != \"AUTHORISED\" AND Type == \"ACCREC\"", List.of("00001-Northwind", "00002-Northwind"));
        table.put(demo + "CurrencyCode != null AND Reference.StartsWith(\"00004\")", List.of("00004-Bluebird"));
        for (Map.Entry<String, List<String>> row : table.entrySet()) {
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(
                    check("GET", "/Invoices?where=" + enc(row.getKey()), null, 200).body())).get("Invoices");
            assertThat(rows.stream().map(r -> (String) r.get("Reference")).toList()).as(row.getKey())
                    .containsExactlyInAnyOrderElementsOf(row.getValue());
        }
        checkUndeclared("GET", "/Invoices?where=" + enc("Total ~ 5"), null, 400,
                "Xero answers a where it cannot parse with a 400 ValidationException (README, Xero table: where)");
    }

    /** Xero marks a contact with sales invoices {@code IsCustomer: true} (the Contacts model, "IsCustomer"). */
    @Test
    @SuppressWarnings("unchecked")
    void contactsWithSalesInvoicesAreCustomers() throws Exception {
        List<Map<String, Object>> contacts = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(
                check("GET", "/Contacts?IDs=" + seed.contactIds().stream().map(Object::toString)
                        .collect(Collectors.joining(",")), null, 200).body())).get("Contacts");
        assertThat(contacts).hasSize(3).allSatisfy(c -> assertThat(c.get("IsCustomer")).isEqualTo(true));
        HttpResponse<String> fresh = check("PUT", "/Contacts", "{\"Contacts\":[{\"Name\":\"Prospect Only LLC\"}]}", 200);
        assertThat(firstOf(fresh, "Contacts").get("IsCustomer")).isEqualTo(false);
    }

    @Test
    void organisationMatchesTheSpec() throws Exception {
        Map<String, Object> org = firstOf(check("GET", "/Organisation", null, 200), "Organisations");
        assertThat(org.get("OrganisationID")).isEqualTo(sim.tenantId().toString());
        assertThat(org.get("Name")).isEqualTo(sim.data().tenantName());
    }

    /**
     * Error statuses the document does not declare for these operations, each with the evidence that Xero answers it
     * (developer.xero.com/documentation/api/http-response-codes lists 401, 403, 404, 429/503 and 500).
     */
    @Test
    void errorStatusesHaveXerosShapes() throws Exception {
        String codes = "developer.xero.com/documentation/api/http-response-codes";
        checkUndeclared("GET", "/Invoices/" + java.util.UUID.randomUUID(), null, 404, codes + ": 404 Not Found");
        checkUndeclared("GET", "/Organisation", null, 401, codes + ": 401; body as pyxero#337",
                "Authorization", null);
        checkUndeclared("GET", "/Organisation", null, 403, codes + ": 403; body as dcblogdev/laravel-xero#40",
                "xero-tenant-id", null);
        sim.faults().add(org.matterhub.simulators.common.FaultRule.of(
                org.matterhub.simulators.common.FaultKind.RATE_LIMITED, "GET", "/Organisation$", 1));
        HttpResponse<String> limited = checkUndeclared("GET", "/Organisation", null, 429,
                "developer.xero.com/documentation/guides/oauth2/limits: 429 with Retry-After and X-Rate-Limit-Problem");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        sim.faults().add(org.matterhub.simulators.common.FaultRule.builder(
                org.matterhub.simulators.common.FaultKind.SERVER_ERROR).method("GET").pathRegex("/Organisation$")
                .status(500).times(1).build());
        checkUndeclared("GET", "/Organisation", null, 500, codes + ": 500 Internal Error");
    }

    /** The audit the other Xero tests run over every answer ({@link XeroSpec#problems}) refuses what it should. */
    @Test
    void theAnswerAuditBites() {
        Map<String, List<String>> headers = Map.of("Accept", List.of("application/json"),
                "Xero-tenant-id", List.of(sim.tenantId().toString()), "Authorization", List.of("Bearer x"));
        java.util.function.BiFunction<Integer, String, XeroSimulator.Answered> answer = (status, body) ->
                new XeroSimulator.Answered("GET", "/api.xro/2.0/Invoices", null, headers, "", status,
                        "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        assertThat(XeroSpec.get().problems(answer.apply(200, "{\"Invoices\":[{\"Total\":\"lots\"}]}"))).isNotEmpty();
        assertThat(XeroSpec.get().problems(answer.apply(418, "{}"))).singleElement().asString().contains("no evidence");
        assertThat(XeroSpec.get().problems(answer.apply(404, "{\"Title\":\"NotFound\"}"))).isNotEmpty();
        assertThat(XeroSpec.get().problems(answer.apply(400, "{\"ErrorNumber\":\"ten\"}"))).isNotEmpty();
        assertThat(XeroSpec.get().problems(answer.apply(200, "{\"Invoices\":[]}"))).isEmpty();
    }

    private HttpResponse<String> raw(String method, String pathAndQuery, String body, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.accountingBasePath() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("xero-tenant-id", sim.tenantId().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static org.w3c.dom.Document parseXml(String xml) throws Exception {
        return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(org.w3c.dom.Document doc, String xpath) throws Exception {
        return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }

    private static int count(org.w3c.dom.Document doc, String xpath) throws Exception {
        return ((org.w3c.dom.NodeList) javax.xml.xpath.XPathFactory.newInstance().newXPath()
                .evaluate(xpath, doc, javax.xml.xpath.XPathConstants.NODESET)).getLength();
    }
}
