package org.matterhub.connectors.quickbooks;

import org.matterhub.connectors.kernel.TokenStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.quickbooks.QboDemoSeed;
import org.matterhub.simulators.quickbooks.QboRealm;
import org.matterhub.simulators.quickbooks.QboSimulator;
import org.matterhub.simulators.quickbooks.QboSimulatorOptions;

/** {@link QboClient} on Intuit's devkit against the QuickBooks simulator over HTTP. */
class QboClientTest {

    private static final String CLIENT_ID = "matterhub";
    private static final String SECRET = "s3cret";
    private static final String REDIRECT = "https://hub.example/qbo/callback";

    private QboSimulator qbo;
    private QboDemoSeed seed;
    private MemoryStore store;

    @BeforeEach
    void start() {
        qbo = QboSimulator.start(QboSimulatorOptions.defaults());
        qbo.registerApp(CLIENT_ID, SECRET);
        seed = qbo.seedDemoRealm();
        List<String> tokens = qbo.issueTokens(CLIENT_ID, seed.realmId());
        store = new MemoryStore(new QboTokens(tokens.get(0), tokens.get(1), Instant.now().plusSeconds(3600), null));
    }

    @AfterEach
    void stop() {
        qbo.close();
    }

    @Test
    void oauthCodeFlowAndRotatingRefreshTokenSavedBeforeUse() throws Exception {
        QboOAuthClient oauth = new QboOAuthClient(properties(), HttpClient.newHttpClient(), Clock.systemUTC());
        URI authorize = oauth.authorizeUrl(REDIRECT, "state-42");
        assertThat(authorize.getQuery()).contains("scope=com.intuit.quickbooks.accounting").contains("state=state-42");
        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> back = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
        assertThat(back).containsEntry("state", "state-42").containsEntry("realmId", seed.realmId());

        QboTokens first = oauth.exchangeCode(back.get("code"), REDIRECT);
        assertThat(first.refreshTokenExpiresAt()).isAfter(Instant.now().plus(Duration.ofDays(100)));
        assertThatThrownBy(() -> oauth.exchangeCode(back.get("code"), REDIRECT))
                .isInstanceOf(QboReauthorizationRequiredException.class);

        // a store that checks, at save time, that the simulator has not yet seen the new access token
        List<Boolean> seenBeforeSave = new CopyOnWriteArrayList<>();
        MemoryStore checking = new MemoryStore(first) {
            @Override
            public void save(QboTokens tokens) {
                seenBeforeSave.add(qbo.requests().stream()
                        .anyMatch(r -> ("Bearer " + tokens.accessToken()).equals(r.header("Authorization"))));
                super.save(tokens);
            }
        };
        QboClient client = client(properties(), checking);
        assertThat(client.customers(1, 5).items()).hasSize(5);

        qbo.expireAccessTokens();
        assertThat(client.invoices(1, 3).items()).hasSize(3);
        assertThat(checking.saved).hasSize(1);
        QboTokens second = checking.saved.get(0);
        assertThat(seenBeforeSave).containsExactly(false);
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        RecordedRequest last = qbo.requests().get(qbo.requests().size() - 1);
        assertThat(last.header("Authorization")).isEqualTo("Bearer " + second.accessToken());
        // the old refresh token was rotated away
        assertThatThrownBy(() -> oauth.refresh(first.refreshToken())).isInstanceOf(QboReauthorizationRequiredException.class);

        // a revoked grant stops the connection
        qbo.revokeAllTokens();
        assertThatThrownBy(() -> client.customers(1, 1)).isInstanceOf(QboReauthorizationRequiredException.class);
    }

    @Test
    void cdcReturnsChangesAndDeletions() {
        QboClient client = client(properties(), store);
        Instant since = afterLastChange();
        String invoiceId = seed.overdueInvoiceIds().get(0);
        QboInvoice inv = client.invoice(invoiceId);
        QboPayment paid = client.createPayment("pay-cdc-1", new QboPaymentRequest(inv.customerId(), invoiceId,
                new BigDecimal("25.00"), "USD", LocalDate.of(2026, 2, 3), "CHK-9", "portal payment"));
        QboRealm realm = qbo.realm(seed.realmId());
        ObjectNode toDelete = Json.mapper().createObjectNode().put("Id", paid.id()).put("SyncToken", paid.syncToken());
        realm.delete("Payment", toDelete);

        QboChanges changes = client.changeDataCapture(since, Set.of("Invoice", "Payment", "Customer"));
        assertThat(changes.capped()).isFalse();
        assertThat(changes.deleted()).extracting(QboDeleted::entity, QboDeleted::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Payment", paid.id()));
        assertThat(changes.invoices()).extracting(QboInvoice::id).containsExactly(invoiceId);
        assertThat(changes.invoices().get(0).balance()).isEqualByComparingTo(inv.balance());
        assertThat(changes.payments()).isEmpty();
        assertThat(paid.appliedTo()).singleElement().satisfies(a -> {
            assertThat(a.invoiceId()).isEqualTo(invoiceId);
            assertThat(a.amount()).isEqualByComparingTo("25.00");
        });
        assertThat(paid.txnDate()).isEqualTo(LocalDate.of(2026, 2, 3));
        assertThat(paid.paymentRefNum()).isEqualTo("CHK-9");
        assertThat(paid.currency()).isEqualTo("USD");
    }

    @Test
    void changesSinceNarrowsTheWindowWhenCappedAndLosesNothing() {
        QboClient client = client(properties(), store);
        Instant since = afterLastChange();
        QboRealm realm = qbo.realm(seed.realmId());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 1150; i++) {
            created.add(realm.create("Customer", Json.mapper().createObjectNode().put("DisplayName", "Bulk client " + i))
                    .path("Id").asText());
        }
        String paidInvoice = seed.overdueInvoiceIds().get(1);
        QboInvoice inv = client.invoice(paidInvoice);
        client.createPayment("pay-bulk", new QboPaymentRequest(inv.customerId(), paidInvoice, BigDecimal.TEN, null,
                null, null, null));
        Instant now = afterLastChange();

        QboChanges single = client.changeDataCapture(since, Set.copyOf(QboClient.CDC_ENTITIES));
        assertThat(single.capped()).isTrue();
        assertThat(single.size()).isEqualTo(QboClient.CDC_MAX_OBJECTS);

        QboChanges all = client.changesSince(since, now);
        assertThat(all.capped()).isFalse();
        assertThat(all.coveredUntil()).isEqualTo(now);
        assertThat(all.customers()).extracting(QboCustomer::id).containsExactlyInAnyOrderElementsOf(created);
        assertThat(all.invoices()).extracting(QboInvoice::id).containsExactly(paidInvoice);
        assertThat(all.payments()).hasSize(1);
        assertThat(qbo.requests().stream().filter(r -> r.path().endsWith("/cdc")).count()).isGreaterThan(2);
    }

    @Test
    void cdcRefusesALookBackOverThirtyDays() {
        QboClient client = client(properties(), store);
        Instant now = Instant.now();
        qbo.clearRequests();
        assertThatThrownBy(() -> client.changesSince(now.minus(Duration.ofDays(31)), now))
                .isInstanceOf(QboCdcLookBackExceededException.class).hasMessageContaining("full query backfill");
        assertThatThrownBy(() -> client.changeDataCapture(now.minus(Duration.ofDays(31)), Set.of("Invoice")))
                .isInstanceOf(QboCdcLookBackExceededException.class);
        assertThat(qbo.requests()).isEmpty();
    }

    @Test
    void pagesThroughInvoicesAndCustomersAndRetriesA429() {
        QboClient client = client(properties(), store);
        qbo.faults().add(FaultRule.of(FaultKind.RATE_LIMITED, "GET", "/query$", 1));
        List<QboInvoice> all = new ArrayList<>();
        QboPage<QboInvoice> page = client.invoices(1, 5);
        all.addAll(page.items());
        while (page.hasMore()) {
            page = client.invoices(page.nextStartPosition(), 5);
            all.addAll(page.items());
        }
        assertThat(all).hasSize(12).extracting(QboInvoice::docNumber).doesNotHaveDuplicates();
        assertThat(all.stream().filter(QboInvoice::voided).map(QboInvoice::id).toList())
                .containsExactlyInAnyOrderElementsOf(seed.voidedInvoiceIds());
        QboInvoice first = all.stream().filter(i -> i.docNumber().equals("INV-00001")).findFirst().orElseThrow();
        assertThat(first.txnDate()).isEqualTo(LocalDate.parse(
                qbo.realm(seed.realmId()).read("Invoice", first.id()).path("TxnDate").asText()));
        assertThat(first.lines()).singleElement().satisfies(l -> assertThat(l.amount())
                .isEqualByComparingTo(l.qty().multiply(l.unitPrice())));
        assertThat(first.currency()).isEqualTo("USD");

        QboPage<QboCustomer> customers = client.customers(1, 1000);
        assertThat(customers.hasMore()).isFalse();
        assertThat(customers.items()).filteredOn(QboCustomer::job).hasSize(seed.matterIds().size())
                .allSatisfy(c -> assertThat(c.parentId()).isNotNull());
        assertThat(client.payments(1, 100).items()).hasSize(seed.paidInvoiceIds().size() + seed.partPaidInvoiceIds().size());
        assertThat(client.creditMemos(1, 100).items()).isEmpty();
        assertThat(qbo.requests().stream().filter(r -> r.status() == 429).count()).isEqualTo(1);
        assertMinorVersionOnEveryApiRequest();
    }

    /**
     * QBO answers XML unless the request accepts JSON (so does the simulator). The devkit takes its {@code Accept} from
     * {@code message.response.serialization} in its per-thread {@code Config}; the client pins it to JSON for each call,
     * even on a thread where something else set XML, and restores the thread's value afterwards.
     */
    @Test
    void everyDevkitCallAcceptsJsonWhateverTheThreadsDevkitConfigSays() {
        QboClient client = client(properties(), store);
        com.intuit.ipp.util.Config.setProperty(com.intuit.ipp.util.Config.SERIALIZATION_RESPONSE_FORMAT, "xml");
        try {
            assertThat(client.customers(1, 5).items()).hasSize(5);
            assertThat(client.companyId()).isEqualTo(seed.realmId());
            assertThat(client.invoice(seed.paidInvoiceIds().get(0)).id()).isEqualTo(seed.paidInvoiceIds().get(0));
            client.changeDataCapture(Instant.now().minus(Duration.ofHours(1)), java.util.Set.of("Invoice", "Payment"));
            assertThat(com.intuit.ipp.util.Config.getProperty(com.intuit.ipp.util.Config.SERIALIZATION_RESPONSE_FORMAT))
                    .isEqualTo("xml");
        } finally {
            com.intuit.ipp.util.Config.setProperty(com.intuit.ipp.util.Config.SERIALIZATION_RESPONSE_FORMAT, "json");
        }
        assertThat(qbo.requests()).filteredOn(r -> r.path().startsWith("/v3/company/")).hasSize(4)
                .allSatisfy(r -> assertThat(r.header("Accept")).as(r.path()).isEqualTo("application/json"));
    }

    @Test
    void invoiceWithLinkCustomFieldsAndStreamedPdf() throws Exception {
        QboClient client = client(properties(), store);
        QboRealm realm = qbo.realm(seed.realmId());
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("CustomerRef").put("value", seed.matterIds().values().iterator().next());
        body.putObject("ClassRef").put("value", "300").put("name", "Litigation");
        body.put("PrivateNote", "matter 00001");
        body.putObject("CustomerMemo").put("value", "Thank you");
        body.putArray("CustomField").addObject().put("DefinitionId", "1").put("Name", "Matter")
                .put("Type", "StringType").put("StringValue", "00001");
        ObjectNode line = body.putArray("Line").addObject();
        line.put("Description", "Drafting").put("Amount", new BigDecimal("450.00")).put("DetailType", "SalesItemLineDetail");
        line.putObject("SalesItemLineDetail").put("Qty", 3).put("UnitPrice", new BigDecimal("150.00"));
        String id = realm.create("Invoice", body).path("Id").asText();

        QboInvoice inv = client.invoice(id);
        assertThat(inv.invoiceLink()).startsWith(qbo.baseUrl()).endsWith("/" + id);
        assertThat(inv.customFields()).containsEntry("Matter", "00001");
        assertThat(inv.classId()).isEqualTo("300");
        assertThat(inv.privateNote()).isEqualTo("matter 00001");
        assertThat(inv.customerMemo()).isEqualTo("Thank you");
        assertThat(inv.totalAmt()).isEqualByComparingTo("450.00");
        assertThat(inv.lines()).singleElement().satisfies(l -> {
            assertThat(l.description()).isEqualTo("Drafting");
            assertThat(l.qty()).isEqualByComparingTo("3");
            assertThat(l.unitPrice()).isEqualByComparingTo("150.00");
            assertThat(l.amount()).isEqualByComparingTo("450.00");
        });
        assertThat(qbo.requests().get(qbo.requests().size() - 1).query()).contains("include=invoiceLink");

        try (var pdf = client.invoicePdf(id); InputStream in = pdf.body()) {
            assertThat(pdf.contentType()).contains("application/pdf");
            assertThat(new String(in.readNBytes(5), StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        }
        assertThatThrownBy(() -> client.invoice("999999")).isInstanceOf(QboNotFoundException.class);
        assertThatThrownBy(() -> client.invoicePdf("999999")).isInstanceOf(QboNotFoundException.class);

        QboInvoice voided = client.voidInvoice(id, inv.syncToken());
        assertThat(voided.voided()).isTrue();
        assertThatThrownBy(() -> client.voidInvoice(id, inv.syncToken())).isInstanceOf(QboStaleObjectException.class);
        assertMinorVersionOnEveryApiRequest();
    }

    @Test
    void createPaymentHappensExactlyOnceDespiteFailuresAndLostResponses() {
        QboClient client = client(properties().withRetry(6, Duration.ofMillis(5), Duration.ofMillis(50)), store);
        String invoiceId = seed.overdueInvoiceIds().get(2);
        QboInvoice before = client.invoice(invoiceId);
        qbo.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex("/payment$").status(503).times(1).build());
        qbo.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/payment$", 1));
        qbo.faults().add(FaultRule.of(FaultKind.RATE_LIMITED, "POST", "/payment$", 1));
        qbo.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, "POST", "/payment$", 1));
        qbo.clearRequests();

        QboPayment p = client.createPayment("outbox-7781", new QboPaymentRequest(before.customerId(), invoiceId,
                new BigDecimal("100.00"), "USD", LocalDate.of(2026, 2, 10), "PORTAL-7781", "paid in portal"));

        List<RecordedRequest> posts = qbo.requests().stream().filter(r -> r.path().endsWith("/payment")).toList();
        assertThat(posts).hasSize(5).allSatisfy(r -> assertThat(r.query()).contains("requestid=outbox-7781"));
        assertThat(posts).extracting(RecordedRequest::status).containsExactly(503, 0, 429, 200, 200);
        List<ObjectNode> payments = qbo.realm(seed.realmId()).paymentsForInvoice(invoiceId);
        assertThat(payments).singleElement().satisfies(x -> assertThat(x.path("Id").asText()).isEqualTo(p.id()));
        assertThat(client.invoice(invoiceId).balance()).isEqualByComparingTo(before.balance().subtract(new BigDecimal("100.00")));
        assertMinorVersionOnEveryApiRequest();
    }

    @Test
    void createPaymentGivesUpAfterTheAttemptBudgetWithAClassifiedException() {
        QboClient client = client(properties().withRetry(3, Duration.ofMillis(5), Duration.ofMillis(20)), store);
        String invoiceId = seed.overdueInvoiceIds().get(0);
        QboInvoice inv = client.invoice(invoiceId);
        qbo.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "POST", "/payment$", -1));
        assertThatThrownBy(() -> client.createPayment("outbox-1", new QboPaymentRequest(inv.customerId(), invoiceId,
                BigDecimal.ONE, null, null, null, null)))
                .isInstanceOfSatisfying(QboFaultException.class, e ->
                        assertThat(new QboErrorClassifier().classify(e)).isEqualTo(org.matterhub.connectors.kernel.ErrorClass.RETRIABLE));
        assertThat(qbo.requests().stream().filter(r -> r.path().endsWith("/payment")).count()).isEqualTo(3);
        qbo.faults().clear();
        // a validation fault is not retried
        assertThatThrownBy(() -> client.createPayment("outbox-2", new QboPaymentRequest(inv.customerId(), "424242",
                BigDecimal.ONE, null, null, null, null))).isInstanceOf(QboNotFoundException.class);
        assertThat(qbo.requests().stream().filter(r -> r.path().endsWith("/payment")).count()).isEqualTo(4);
        assertThat(qbo.realm(seed.realmId()).paymentsForInvoice(invoiceId)).isEmpty();
    }

    @Test
    void perMinuteLimitIsNeverExceeded() throws Exception {
        int limit = 40;
        qbo.setLimits(limit, 0);
        QboClient client = client(properties().withLimits(limit, 10).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)), store);
        qbo.clearRequests();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < limit + 30; i++) {
            calls.add(pool.submit(() -> client.customers(1, 1)));
        }
        int refusedLocally = 0;
        for (Future<?> f : calls) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RateLimitTimeoutException.class);
                refusedLocally++;
            }
        }
        pool.shutdown();
        assertThat(refusedLocally).isPositive();
        assertThat(qbo.requests()).isNotEmpty().hasSizeLessThanOrEqualTo(limit)
                .noneMatch(r -> r.status() == 429);
    }

    @Test
    void concurrencyLimitIsNeverExceeded() throws Exception {
        qbo.setLimits(0, 2);
        qbo.faults().add(FaultRule.builder(FaultKind.LATENCY).pathRegex("/v3/company/").latencyMillis(40).build());
        QboClient client = client(properties().withLimits(10_000, 2), store);
        qbo.clearRequests();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<QboPage<QboCustomer>>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(pool.submit(() -> client.customers(1, 2)));
        }
        for (Future<QboPage<QboCustomer>> f : calls) {
            assertThat(f.get().items()).hasSize(2);
        }
        pool.shutdown();
        assertThat(qbo.requests()).hasSize(24).noneMatch(r -> r.status() == 429);
    }

    @Test
    void twoConnectionsWithDifferentProxiesOnSharedThreadsStayApart() throws Exception {
        try (QboSimulator other = QboSimulator.start(QboSimulatorOptions.defaults())) {
            other.registerApp(CLIENT_ID, SECRET);
            QboRealm otherRealm = other.createRealm("5550001");
            otherRealm.create("Customer", Json.mapper().createObjectNode().put("DisplayName", "Only in the other sim"));
            List<String> t = other.issueTokens(CLIENT_ID, "5550001");
            QboProperties otherProps = QboProperties.of(URI.create(QboSimulator.SDK_BASE_URL),
                    URI.create(other.baseUrl() + "/oauth2/v1/tokens/bearer"), URI.create(other.baseUrl() + "/connect/oauth2"),
                    CLIENT_ID, SECRET).withProxy("127.0.0.1", other.port());
            QboClient a = client(properties(), store);
            QboClient b = client(otherProps, "5550001",
                    new MemoryStore(new QboTokens(t.get(0), t.get(1), Instant.now().plusSeconds(3600), null)));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                boolean useA = i % 2 == 0;
                calls.add(pool.submit(() -> {
                    List<QboCustomer> rows = (useA ? a : b).customers(1, 1000).items();
                    if (useA ? rows.size() != seed.clientIds().size() + seed.matterIds().size() : rows.size() != 1) {
                        failure.set(new AssertionError((useA ? "a" : "b") + " saw " + rows.size()));
                    }
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
            pool.shutdown();
            assertThat(failure.get()).isNull();
            assertThat(other.requests()).hasSize(15).allSatisfy(r -> assertThat(r.path()).contains("/5550001/"));
            assertThat(qbo.requests()).hasSize(15).allSatisfy(r -> assertThat(r.path()).contains("/" + seed.realmId() + "/"));
        }
    }

    // ------------------------------------------------------------------ helpers

    private QboProperties properties() {
        return QboProperties.of(URI.create(QboSimulator.SDK_BASE_URL), URI.create(qbo.baseUrl() + "/oauth2/v1/tokens/bearer"),
                URI.create(qbo.baseUrl() + "/connect/oauth2"), CLIENT_ID, SECRET)
                .withProxy("127.0.0.1", qbo.port())
                .withRetry(5, Duration.ofMillis(10), Duration.ofMillis(100));
    }

    private QboClient client(QboProperties p, TokenStore<QboTokens> tokens) {
        return client(p, seed.realmId(), tokens);
    }

    private static QboClient client(QboProperties p, String realmId, TokenStore<QboTokens> tokens) {
        RateLimiter limiter = p.newRateLimiter("quickbooks:" + realmId, org.matterhub.connectors.kernel.TimeSource.system());
        return new QboClient(p, realmId, tokens, limiter);
    }

    /** An instant after every change so far (the simulator's change clock may run a little ahead of the wall clock). */
    private Instant afterLastChange() {
        Instant newest = qbo.realm(seed.realmId()).all("Customer").stream()
                .map(c -> Instant.parse(c.path("MetaData").path("LastUpdatedTime").asText().replace("-00:00", "Z")))
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        Instant newestTxn = qbo.realm(seed.realmId()).all("Invoice").stream()
                .map(c -> java.time.OffsetDateTime.parse(c.path("MetaData").path("LastUpdatedTime").asText()).toInstant())
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        Instant mark = (newest.isAfter(newestTxn) ? newest : newestTxn).plusMillis(1);
        // the simulator stamps changes in whole milliseconds: later changes must fall strictly after the mark
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(mark.plusMillis(1)));
        return mark;
    }

    private void assertMinorVersionOnEveryApiRequest() {
        assertThat(qbo.requests()).filteredOn(r -> r.path().startsWith("/v3/company/")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.query()).contains("minorversion=75"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new ConcurrentHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A durable store stand-in: the latest tokens, and every save in order. */
    static class MemoryStore implements TokenStore<QboTokens> {
        final List<QboTokens> saved = new CopyOnWriteArrayList<>();
        private volatile QboTokens current;

        MemoryStore(QboTokens initial) {
            this.current = initial;
        }

        @Override
        public QboTokens load() {
            return current;
        }

        @Override
        public void save(QboTokens tokens) {
            saved.add(tokens);
            current = tokens;
        }
    }
}
