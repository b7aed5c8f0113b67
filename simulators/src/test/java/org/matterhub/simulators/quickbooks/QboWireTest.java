package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intuit.ipp.services.WebhooksService;
import com.intuit.ipp.util.Config;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Plain HTTP against the simulator: envelopes, limits, OAuth, CDC limits, webhooks. */
class QboWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private QboSimulator qbo;
    private QboDemoSeed seed;
    private String token;

    @BeforeEach
    void start() {
        qbo = QboSimulator.start(QboSimulatorOptions.defaults());
        qbo.registerApp("matterhub", "s3cret");
        seed = qbo.seedDemoRealm();
        token = qbo.issueToken("matterhub", seed.realmId());
    }

    @AfterEach
    void stop() {
        qbo.close();
    }

    @Test
    void readsWithoutMinorVersionAndEveryEnvelopeMatchesTheContract() throws Exception {
        HttpResponse<String> inv = get("/invoice/" + seed.paidInvoiceIds().get(0), null);
        assertThat(inv.statusCode()).isEqualTo(200);
        QboContract.validate(inv.body());
        assertThat(JSON.readTree(inv.body()).path("Invoice").path("Balance").decimalValue()).isZero();

        HttpResponse<String> q = get("/query?query=" + enc("select * from Customer where Job = true MAXRESULTS 5"), "75");
        QboContract.validate(q.body());
        assertThat(JSON.readTree(q.body()).path("QueryResponse").path("Customer")).hasSize(5);

        HttpResponse<String> cdc = get("/cdc?entities=Invoice,Payment,Customer&changedSince="
                + enc(Instant.now().minus(Duration.ofHours(1)).toString()), "75");
        QboContract.validate(cdc.body());

        HttpResponse<String> missing = get("/invoice/99999", "75");
        assertThat(missing.statusCode()).isEqualTo(400);
        QboContract.validate(missing.body());
        assertThat(JSON.readTree(missing.body()).path("Fault").path("Error").get(0).path("code").asText()).isEqualTo("610");
    }

    @Test
    void companyInfoNamesTheCompanyOfTheToken() throws Exception {
        HttpResponse<String> info = get("/companyinfo/" + seed.realmId(), "75");
        assertThat(info.statusCode()).isEqualTo(200);
        QboContract.validate(info.body());
        assertThat(JSON.readTree(info.body()).path("CompanyInfo").path("Id").asText()).isEqualTo(seed.realmId());
        // the token of this company opens no other company's companyinfo
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(qbo.apiBaseUrl() + "/1234567890123"
                        + "/companyinfo/1234567890123?minorversion=75")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void contractCheckRejectsUnknownProperties() throws Exception {
        String good = get("/customer/" + seed.clientIds().get("NORTHWIND"), "75").body();
        String bad = good.replace("\"DisplayName\"", "\"Display_Name\"");
        assertThatThrownBy(() -> QboContract.validate(bad)).isInstanceOf(AssertionError.class);
    }

    /**
     * 401 and 403 come from Intuit's gateway in production's shape, not the service's {@code Fault.Error}: lowercase
     * {@code fault.error[]}, {@code type} AUTHENTICATION or SERVICE, {@code time} in epoch milliseconds (evidence in
     * simulators/README.md). A classifier that reads {@code Fault.type} would see nothing here.
     */
    @Test
    void authenticationAndAuthorizationFaultsHaveTheGatewaysShape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api("/customer/1")).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.has("Fault")).isFalse();
        JsonNode fault = body.path("fault");
        assertThat(fault.path("type").asText()).isEqualTo("AUTHENTICATION");
        assertThat(fault.path("error").get(0).path("code").asText()).isEqualTo("3200");
        assertThat(fault.path("error").get(0).path("message").asText())
                .isEqualTo("message=AuthenticationFailed; errorCode=003200; statusCode=401");
        assertThat(body.path("time").isIntegralNumber()).isTrue();

        qbo.createRealm("123145");
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(qbo.apiBaseUrl() + "/123145/customer/1"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        JsonNode denied = JSON.readTree(other.body()).path("fault");
        assertThat(denied.path("type").asText()).isEqualTo("SERVICE");
        assertThat(denied.path("error").get(0).path("code").asText()).isEqualTo("3100");
        assertThat(denied.path("error").get(0).path("message").asText())
                .isEqualTo("message=AuthorizationFailed; errorCode=003100; statusCode=403");
    }

    @Test
    void staleSyncTokenAndRequestIdOverRawHttp() throws Exception {
        String id = seed.clientIds().get("BLUEBIRD");
        String body = "{\"Id\":\"" + id + "\",\"SyncToken\":\"0\",\"sparse\":true,\"Notes\":\"x\"}";
        assertThat(post("/customer", body).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = post("/customer", body);
        assertThat(stale.statusCode()).isEqualTo(400);
        JsonNode f = JSON.readTree(stale.body()).path("Fault");
        assertThat(f.path("type").asText()).isEqualTo("ValidationFault");
        assertThat(f.path("Error").get(0).path("code").asText()).isEqualTo("5010");

        String inv = seed.overdueInvoiceIds().get(0);
        String customer = JSON.readTree(get("/invoice/" + inv, "75").body()).path("Invoice").path("CustomerRef").path("value").asText();
        String pay = "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"TotalAmt\":25,\"Line\":[{\"Amount\":25,"
                + "\"LinkedTxn\":[{\"TxnId\":\"" + inv + "\",\"TxnType\":\"Invoice\"}]}]}";
        HttpResponse<String> a = post("/payment?requestid=abc-1", pay);
        HttpResponse<String> b = post("/payment?requestid=abc-1", pay);
        assertThat(JSON.readTree(b.body()).path("Payment").path("Id")).isEqualTo(JSON.readTree(a.body()).path("Payment").path("Id"));
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(qbo.realm(seed.realmId()).paymentsForInvoice(inv)).hasSize(1);

        HttpResponse<String> insp = http.send(HttpRequest.newBuilder(URI.create(qbo.baseUrl() + "/_control/realms/"
                + seed.realmId() + "/invoices/" + inv + "/payments")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(insp.body()).path("payments")).hasSize(1);
    }

    @Test
    void queryParserErrorsAreValidationFaults() throws Exception {
        HttpResponse<String> r = get("/query?query=" + enc("select * from Invoice where TotalAmt > 5 group by x"), "75");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("Fault").path("Error").get(0).path("code").asText()).isEqualTo("4000");
        HttpResponse<String> big = get("/query?query=" + enc("select * from Invoice MAXRESULTS 1001"), "75");
        assertThat(big.statusCode()).isEqualTo(400);
    }

    @Test
    void cdcLookBackCapAndDeletes() throws Exception {
        HttpResponse<String> old = get("/cdc?entities=Invoice&changedSince="
                + enc(Instant.now().minus(Duration.ofDays(31)).toString()), "75");
        assertThat(old.statusCode()).isEqualTo(400);

        Instant since = Instant.now().minus(Duration.ofMinutes(5));
        String pid = qbo.realm(seed.realmId()).paymentsForInvoice(seed.paidInvoiceIds().get(0)).get(0).path("Id").asText();
        assertThat(post("/payment?operation=delete", "{\"Id\":\"" + pid + "\",\"SyncToken\":\"0\"}").statusCode()).isEqualTo(200);
        JsonNode cdc = JSON.readTree(get("/cdc?entities=Payment&changedSince=" + enc(since.toString()), "75").body());
        JsonNode payments = cdc.path("CDCResponse").get(0).path("QueryResponse").get(0).path("Payment");
        assertThat(payments).anySatisfy(p -> {
            assertThat(p.path("Id").asText()).isEqualTo(pid);
            assertThat(p.path("status").asText()).isEqualTo("Deleted");
        });
        QboContract.validate(cdc.toString());

        try (QboSimulator small = QboSimulator.start(QboSimulatorOptions.defaults().withCdcMaxObjects(5))) {
            small.registerApp("a", "b");
            QboDemoSeed s = small.seedDemoRealm();
            String t = small.issueToken("a", s.realmId());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(small.apiBaseUrl() + "/" + s.realmId()
                    + "/cdc?entities=Customer,Invoice&changedSince=" + enc(since.toString())))
                    .header("Authorization", "Bearer " + t).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            int n = 0;
            for (JsonNode qr : JSON.readTree(r.body()).path("CDCResponse").get(0).path("QueryResponse")) {
                for (JsonNode arr : qr) {
                    n += arr.isArray() ? arr.size() : 0;
                }
            }
            assertThat(n).isEqualTo(5);
        }
    }

    @Test
    void throttlesPerMinuteAndConcurrency() throws Exception {
        qbo.setLimits(3, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/customer/1", "75").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = get("/customer/1", "75");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(r.body()).path("Fault").path("Error").get(0).path("code").asText()).isEqualTo("3001");

        qbo.setLimits(0, 2);
        qbo.faults().add(org.matterhub.simulators.common.FaultRule.builder(org.matterhub.simulators.common.FaultKind.LATENCY)
                .method("GET").pathRegex("/customer/").latencyMillis(1000).times(3).build());
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(api("/customer/1?minorversion=75"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
            int arrived = i + 1;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> arrived == 3
                    || qbo.requestsInProgress().stream().filter(q -> q.path().endsWith("/customer/1")).count() == arrived);
        }
        List<Integer> statuses = inFlight.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertThat(statuses).containsExactly(200, 200, 429);
    }

    @Test
    void oauthCodeFlowWithRotatingRefreshTokens() throws Exception {
        String authorize = qbo.baseUrl() + "/connect/oauth2?client_id=matterhub&response_type=code&scope="
                + enc("com.intuit.quickbooks.accounting") + "&redirect_uri=" + enc("http://127.0.0.1/cb") + "&state=xyz";
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("state=xyz").contains("realmId=" + seed.realmId());
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

        JsonNode first = token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc("http://127.0.0.1/cb"));
        assertThat(first.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(first.has("x_refresh_token_expires_in")).isTrue();
        JsonNode second = token("grant_type=refresh_token&refresh_token=" + first.path("refresh_token").asText());
        assertThat(second.path("refresh_token").asText()).isNotEqualTo(first.path("refresh_token").asText());
        HttpResponse<String> reuse = tokenCall("grant_type=refresh_token&refresh_token=" + first.path("refresh_token").asText());
        assertThat(reuse.statusCode()).isEqualTo(400);

        HttpResponse<String> api = http.send(HttpRequest.newBuilder(api("/customer/1"))
                .header("Authorization", "Bearer " + second.path("access_token").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
    }

    @Test
    void webhooksInBothFormatsCarryAVerifiableSignature() throws Exception {
        List<Map.Entry<String, byte[]>> got = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            got.add(Map.entry(ex.getRequestHeaders().getFirst("intuit-signature"), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            qbo.webhooks().configure(url, "verifier-token-123", QboWebhooks.Format.LEGACY);
            String customer = seed.clientIds().get("CEDARPINE");
            post("/customer", "{\"Id\":\"" + customer + "\",\"SyncToken\":\"0\",\"sparse\":true,\"Notes\":\"hook\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);

            qbo.webhooks().configure(url, "verifier-token-123", QboWebhooks.Format.CLOUDEVENTS);
            post("/customer", "{\"Id\":\"" + customer + "\",\"SyncToken\":\"1\",\"sparse\":true,\"Notes\":\"hook2\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        } finally {
            receiver.stop(0);
        }
        JsonNode legacy = JSON.readTree(got.get(0).getValue());
        JsonNode entity = legacy.path("eventNotifications").get(0).path("dataChangeEvent").path("entities").get(0);
        assertThat(legacy.path("eventNotifications").get(0).path("realmId").asText()).isEqualTo(seed.realmId());
        assertThat(entity.path("name").asText()).isEqualTo("Customer");
        assertThat(entity.path("operation").asText()).isEqualTo("Update");
        JsonNode cloud = JSON.readTree(got.get(1).getValue());
        assertThat(cloud.isArray()).isTrue();
        assertThat(cloud.get(0).path("type").asText()).isEqualTo("qbo.customer.updated.v1");
        assertThat(cloud.get(0).path("intuitaccountid").asText()).isEqualTo(seed.realmId());

        // Intuit's own verifier (WebhooksService) accepts both; a tampered body is rejected.
        Config.setProperty(Config.WEBHOOKS_VERIFIER_TOKEN, "verifier-token-123");
        WebhooksService verifier = new WebhooksService();
        for (Map.Entry<String, byte[]> e : got) {
            assertThat(verifier.verifyPayload(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(verifier.verifyPayload(got.get(0).getKey(), new String(got.get(1).getValue(), StandardCharsets.UTF_8))).isFalse();
        assertThat(Base64.getDecoder().decode(got.get(0).getKey())).hasSize(32);
        Config.setProperty(Config.WEBHOOKS_VERIFIER_TOKEN, "");
    }

    @Test
    void demoSeedCreditMemoAndInjectedSystemFault() throws Exception {
        QboRealm realm = qbo.realm(seed.realmId());
        assertThat(realm.count("Customer")).isEqualTo(3 + 12);
        assertThat(seed.paidInvoiceIds()).hasSize(3);
        assertThat(realm.read("Invoice", seed.paidInvoiceIds().get(0)).path("Balance").decimalValue()).isZero();
        var part = realm.read("Invoice", seed.partPaidInvoiceIds().get(0));
        assertThat(part.path("Balance").decimalValue()).isEqualByComparingTo(part.path("TotalAmt").decimalValue().divide(new java.math.BigDecimal(2)));
        var overdue = realm.read("Invoice", seed.overdueInvoiceIds().get(0));
        assertThat(java.time.LocalDate.parse(overdue.path("DueDate").asText())).isBefore(java.time.LocalDate.of(2026, 3, 1));
        assertThat(overdue.path("Balance").decimalValue()).isEqualByComparingTo(overdue.path("TotalAmt").decimalValue());
        assertThat(realm.read("Invoice", seed.voidedInvoiceIds().get(0)).path("TotalAmt").decimalValue()).isZero();
        JsonNode client = JSON.readTree(get("/customer/" + seed.clientIds().get("NORTHWIND"), "75").body()).path("Customer");
        assertThat(client.path("Balance").decimalValue()).isZero();                  // invoices sit on the matters
        assertThat(client.path("BalanceWithJobs").decimalValue()).isPositive();

        String job = seed.matterIds().get("00001");
        HttpResponse<String> cm = post("/creditmemo", "{\"CustomerRef\":{\"value\":\"" + job + "\"},\"Line\":[{\"Amount\":120,"
                + "\"DetailType\":\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"Qty\":1,\"UnitPrice\":120}}]}");
        assertThat(cm.statusCode()).isEqualTo(200);
        QboContract.validate(cm.body());
        assertThat(JSON.readTree(cm.body()).path("CreditMemo").path("TotalAmt").decimalValue()).isEqualByComparingTo("120");

        qbo.faults().add(org.matterhub.simulators.common.FaultRule.of(org.matterhub.simulators.common.FaultKind.SERVER_ERROR,
                "GET", "/customer/", 1));
        HttpResponse<String> err = get("/customer/1", "75");
        assertThat(err.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(err.body()).path("Fault").path("type").asText()).isEqualTo("SystemFault");
        QboContract.validate(err.body());
    }

    // ------------------------------------------------------------------ helpers

    private URI api(String path) {
        return URI.create(qbo.apiBaseUrl() + "/" + seed.realmId() + path);
    }

    private HttpResponse<String> get(String path, String minorVersion) throws Exception {
        String p = minorVersion == null ? path : path + (path.contains("?") ? "&" : "?") + "minorversion=" + minorVersion;
        return http.send(HttpRequest.newBuilder(api(p)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        String p = path + (path.contains("?") ? "&" : "?") + "minorversion=75";
        return http.send(HttpRequest.newBuilder(api(p)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode token(String form) throws Exception {
        HttpResponse<String> r = tokenCall(form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> tokenCall(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(qbo.baseUrl() + "/oauth2/v1/tokens/bearer"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("matterhub:s3cret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
