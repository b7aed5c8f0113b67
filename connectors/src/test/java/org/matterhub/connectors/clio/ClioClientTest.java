package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.connectors.kernel.FormQuery.query;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.time.Clock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.Concurrently;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.clio.ClioSimulatorOptions;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;

/**
 * {@link ClioClient} against the Clio simulator over real HTTP (in-process, seconds). After every test
 * each API request the connector sent is validated against Clio's OpenAPI document.
 */
@Timeout(60)
class ClioClientTest {

    private static final String CLIENT_ID = "matterhub-test";
    private static final String CLIENT_SECRET = "app-secret-never-logged";
    private static final String REDIRECT_URI = "https://hub.example/oauth/clio/callback";

    private ClioSimulator clio;
    private HttpClient http;
    private ClioProperties properties;
    private RecordingTokenStore store;
    private RateLimiter limiter;
    private ClioClient client;

    @BeforeEach
    void start() throws Exception {
        clio = ClioSimulator.start(ClioSimulatorOptions.defaults());
        clio.registerApp(CLIENT_ID, CLIENT_SECRET);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        properties = ClioProperties.of(URI.create(clio.baseUrl()), CLIENT_ID, CLIENT_SECRET)
                .withRequestTimeout(Duration.ofSeconds(10));
        store = new RecordingTokenStore(authorize());
        limiter = new RateLimiter("clio-test", 6000, Duration.ofMinutes(1));
        client = new ClioClient(properties, store, limiter, http, Clock.systemUTC());
    }

    @AfterEach
    void validateAgainstClioSpecAndStop() {
        try {
            assertThat(ClioSpecValidator.problems(clio.requests())).isEmpty();
            // without fields= Clio answers a record with its id and etag only
            // (https://docs.developers.clio.com/api-docs/fields): every read and write names its fields
            assertThat(clio.requests()).filteredOn(r -> r.path().startsWith("/api/v4/") && !"DELETE".equals(r.method()))
                    .allSatisfy(r -> assertThat(query(r.query())).as(r.method() + " " + r.path()).containsKey("fields"));
        } finally {
            clio.close();
        }
    }

    /** The firm admin's browser round trip: authorize → 302 to our redirect URI → code exchange. */
    private OAuthTokenSet authorize() throws Exception {
        ClioOAuthClient oauth = new ClioOAuthClient(properties, http, Clock.systemUTC());
        URI authorize = oauth.authorizeUrl(REDIRECT_URI, "state-123");
        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?");
        Map<String, String> params = query(location.getRawQuery());
        assertThat(params).containsEntry("state", "state-123").containsKey("code");
        return oauth.exchangeCode(params.get("code"), REDIRECT_URI);
    }

    @Test
    void oauthCodeExchangeViaTheAuthorizeRedirect() {
        OAuthTokenSet tokens = store.load();
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(tokens.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(29)),
                Instant.now().plus(Duration.ofDays(31)));
        RecordedRequest token = only(r -> r.path().equals("/oauth/token"));
        assertThat(query(token.body())).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", REDIRECT_URI).containsEntry("client_id", CLIENT_ID);

        // a code is single-use: replaying it is invalid_grant → re-authorization
        String code = query(token.body()).get("code");
        assertThatThrownBy(() -> new ClioOAuthClient(properties, http, Clock.systemUTC()).exchangeCode(code, REDIRECT_URI))
                .isInstanceOf(ClioReauthorizationRequiredException.class)
                .hasMessageNotContaining(CLIENT_SECRET).hasMessageNotContaining(code);
    }

    @Test
    void paginationOver450MattersReturnsEachExactlyOnce() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        for (int i = 0; i < 450; i++) {
            clio.data().createMatter(acme, "Matter " + i, i % 3 == 0 ? "Pending" : "Open", "Corporate",
                    "Jane Roe", "jane@firm.example", LocalDate.of(2025, 1, 1));
        }
        clio.clearRequests();

        List<ClioMatter> all = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String next = null;
        do {
            ClioPage<ClioMatter> page = client.listMatters(null, next);
            all.addAll(page.records());
            next = page.nextPageUrl();
            cursors.add(next);
        } while (next != null);

        assertThat(cursors).hasSize(3);
        assertThat(all).extracting(ClioMatter::id).doesNotHaveDuplicates()
                .containsExactlyElementsOf(clio.data().matterIds());
        ClioMatter first = all.get(0);
        assertThat(first.etag()).isNotBlank();
        assertThat(first.client()).isEqualTo(new ClioContactRef(acme, "Acme Holdings", "Company"));
        assertThat(first.practiceArea().name()).isEqualTo("Corporate");
        assertThat(first.responsibleAttorney().email()).isEqualTo("jane@firm.example");
        assertThat(first.openDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(first.updatedAt()).isNotNull();

        List<RecordedRequest> sent = clio.requests();
        assertThat(sent).hasSize(3).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/v4/matters.json");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + store.load().accessToken());
            assertThat(r.header("X-API-VERSION")).isEqualTo("4.0.9");
            Map<String, String> q = query(r.query());
            assertThat(q).containsEntry("order", "id(asc)").containsEntry("limit", "200")
                    .containsEntry("fields", ClioClient.MATTER_FIELDS).doesNotContainKey("offset");
        });
        assertThat(query(sent.get(0).query())).doesNotContainKey("page_token");
        assertThat(query(sent.get(1).query())).containsKey("page_token");
        assertThat(client.lastRateLimit()).isPresent();
    }

    @Test
    void updatedSinceReturnsOnlyTheChangedMatters() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(clio.data().createMatter(acme, "Matter " + i, "Open", "Corporate", "Jane Roe",
                    "jane@firm.example", LocalDate.of(2025, 1, 1)));
        }
        Instant cursor = OffsetDateTime.parse((String) clio.data().matter(ids.get(9)).get("updated_at")).toInstant()
                .plusMillis(1);
        clio.data().updateMatterStatus(ids.get(2), "Closed");
        clio.data().updateMatterStatus(ids.get(5), "Pending");
        clio.data().updateMatterDescription(ids.get(7), "Renamed");

        ClioPage<ClioMatter> page = client.listMatters(cursor, null);

        assertThat(page.nextPageUrl()).isNull();
        assertThat(page.records()).extracting(ClioMatter::id).containsExactly(ids.get(2), ids.get(5), ids.get(7));
        assertThat(page.records()).extracting(ClioMatter::status).containsExactly("Closed", "Pending", "Open");
        assertThat(page.records().get(0).closeDate()).isNotNull();
        RecordedRequest sent = only(r -> r.path().equals("/api/v4/matters.json"));
        assertThat(Instant.parse(query(sent.query()).get("updated_since"))).isEqualTo(cursor);
    }

    @Test
    void activitiesArePagedInIdOrderAndIncrementalByUpdatedSinceWithQuantityInSeconds() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        long matter = clio.data().createMatter(acme, "Lease review", "Open", "Real Estate", "Jane Roe",
                "jane@firm.example", LocalDate.of(2025, 1, 1));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(clio.data().createTimeEntry(matter, "Jane Roe", LocalDate.of(2025, 2, 1).plusDays(i % 20),
                    900L * (1 + i % 8), new java.math.BigDecimal("350.00"), "Entry " + i, i == 7));
        }
        long expense = clio.data().createExpenseEntry(matter, "Jane Roe", LocalDate.of(2025, 2, 3), 2,
                new java.math.BigDecimal("12.25"), "Couriers");
        clio.clearRequests();

        List<ClioActivity> all = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            ClioPage<ClioActivity> page = client.listActivities(null, next);
            all.addAll(page.records());
            next = page.nextPageUrl();
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(2);
        assertThat(all).extracting(ClioActivity::id).doesNotHaveDuplicates()
                .containsExactlyElementsOf(clio.data().matterActivityIds(matter));
        ClioActivity second = all.get(1);
        assertThat(second.isTimeEntry()).isTrue();
        assertThat(second.quantity()).isEqualByComparingTo("1800");
        assertThat(second.quantityInHours()).isEqualByComparingTo("0.5");
        assertThat(second.price()).isEqualByComparingTo("350");
        assertThat(second.total()).isEqualByComparingTo("175");
        assertThat(second.note()).isEqualTo("Entry 1");
        assertThat(second.matter().id()).isEqualTo(matter);
        assertThat(second.user().name()).isEqualTo("Jane Roe");
        assertThat(second.billed()).isFalse();
        assertThat(all.get(7).nonBillable()).isTrue();
        ClioActivity last = all.get(all.size() - 1);
        assertThat(last.id()).isEqualTo(expense);
        assertThat(last.isTimeEntry()).isFalse();
        assertThat(last.total()).isEqualByComparingTo("24.5");
        assertThat(clio.requests()).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/v4/activities.json");
            assertThat(query(r.query())).containsEntry("order", "id(asc)");
        });
        assertThat(query(clio.requests().get(0).query())).containsEntry("fields", ClioClient.ACTIVITY_FIELDS);

        Instant cursor = OffsetDateTime.parse((String) clio.data().activity(expense).get("updated_at")).toInstant()
                .plusMillis(1);
        clio.data().updateTimeEntry(ids.get(3), 5400, "Corrected");
        clio.data().markActivityBilled(ids.get(100));
        ClioPage<ClioActivity> changed = client.listActivities(cursor, null);
        assertThat(changed.nextPageUrl()).isNull();
        assertThat(changed.records()).extracting(ClioActivity::id).containsExactly(ids.get(3), ids.get(100));
        assertThat(changed.records().get(0).quantityInHours()).isEqualByComparingTo("1.5");
        assertThat(changed.records().get(0).total()).isEqualByComparingTo("525");
        assertThat(changed.records().get(0).note()).isEqualTo("Corrected");
        assertThat(changed.records().get(1).billed()).isTrue();

        assertThat(client.getActivity(ids.get(3)).etag()).isEqualTo(changed.records().get(0).etag());
        clio.data().deleteActivity(ids.get(3));
        assertThatThrownBy(() -> client.getActivity(ids.get(3))).isInstanceOf(ClioNotFoundException.class);
    }

    @Test
    void aDeletedMatterIsNotFound() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        long id = clio.data().createMatter(acme, "Lease review", "Open", "Real Estate", "Jane Roe",
                "jane@firm.example", LocalDate.of(2025, 1, 1));
        assertThat(client.getMatter(id).description()).isEqualTo("Lease review");
        clio.data().deleteMatter(id);
        assertThatThrownBy(() -> client.getMatter(id)).isInstanceOfSatisfying(ClioNotFoundException.class,
                e -> assertThat(new ClioErrorClassifier().classify(e)).isEqualTo(ErrorClass.PERMANENT));
    }

    @Test
    void tenConcurrent401sCauseOneRefreshPersistedBeforeTheNewTokenIsUsed() throws Exception {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        long id = clio.data().createMatter(acme, "Lease review", "Open", "Real Estate", "Jane Roe",
                "jane@firm.example", LocalDate.of(2025, 1, 1));
        String oldToken = store.load().accessToken();
        client.getMatter(id); // warm: the client now holds the tokens
        clio.expireAccessTokens();
        clio.clearRequests();

        int threads = 10;
        assertThat(Concurrently.call(threads, () -> client.getMatter(id)))
                .hasSize(threads).allSatisfy(r -> assertThat(r.id()).isEqualTo(id));

        List<RecordedRequest> sent = clio.requests();
        List<RecordedRequest> refreshes = sent.stream().filter(r -> r.path().equals("/oauth/token")).toList();
        assertThat(refreshes).hasSize(1);
        assertThat(query(refreshes.get(0).body())).containsEntry("grant_type", "refresh_token");
        assertThat(store.saves()).hasSize(1);
        RecordingTokenStore.Save save = store.saves().get(0);
        String newToken = save.tokens().accessToken();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(save.tokens().refreshToken()).isEqualTo(store.saves().get(0).tokens().refreshToken()).isNotNull();

        List<RecordedRequest> api = sent.stream().filter(r -> r.path().startsWith("/api/v4/")).toList();
        List<RecordedRequest> withNew = api.stream()
                .filter(r -> ("Bearer " + newToken).equals(r.header("Authorization"))).toList();
        assertThat(withNew).hasSize(threads).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.at()).isAfterOrEqualTo(save.at().truncatedTo(ChronoUnit.MILLIS));
        });
        assertThat(api).filteredOn(r -> r.status() == 401)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + oldToken))
                .hasSizeBetween(1, threads);
    }

    @Test
    void revokedGrantRequiresReauthorization() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        clio.revokeAllTokens();
        assertThatThrownBy(() -> client.getContact(acme))
                .isInstanceOfSatisfying(ClioReauthorizationRequiredException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("invalid_grant");
                    assertThat(new ClioErrorClassifier().classify(e)).isEqualTo(ErrorClass.REAUTHORIZATION_REQUIRED);
                    assertThat(e.getMessage()).doesNotContain(store.load().accessToken())
                            .doesNotContain(store.load().refreshToken()).doesNotContain(CLIENT_SECRET);
                });
        assertThat(store.saves()).isEmpty();
        assertThat(clio.requests()).filteredOn(r -> r.path().equals("/oauth/token")).hasSize(2); // code + refresh
    }

    @Test
    void patchContactWithIfMatchAndStaleEtagIs412() {
        long company = clio.data().createCompany("Analytical Engines", "info@ae.example", "+44 20 0000");
        long ada = clio.data().createPerson("Ada", "Lovelace", "ada@ae.example", "+44 20 0001", company);

        ClioContact before = client.getContact(ada);
        assertThat(before.etag()).isNotBlank();
        assertThat(before.company()).isEqualTo(new ClioContactRef(company, "Analytical Engines", null));
        assertThat(before.primaryEmail()).map(ClioEmailAddress::address).contains("ada@ae.example");
        assertThat(before.primaryAddress()).isEmpty();

        ClioContactPatch patch = ClioContactPatch.of(before, "ada@lovelace.example", null,
                new ClioContactPatch.PostalAddress("12 St James's Sq", "London", null, "SW1Y 4JH", "United Kingdom"));
        ClioContact after = client.patchContact(ada, before.etag(), patch);

        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(after.primaryEmail()).map(ClioEmailAddress::id).isEqualTo(before.primaryEmail().map(ClioEmailAddress::id));
        // what Clio (the simulator) now holds
        Map<String, Object> stored = clio.data().contact(ada);
        assertThat(stored.get("primary_email_address")).isEqualTo("ada@lovelace.example");
        assertThat(stored.get("addresses").toString()).contains("SW1Y 4JH");
        assertThat(only(r -> r.method().equals("PATCH")).header("If-Match")).isEqualTo(before.etag());

        ClioContactPatch stale = ClioContactPatch.of(before, null, "+44 20 9999", null);
        assertThatThrownBy(() -> client.patchContact(ada, before.etag(), stale))
                .isInstanceOfSatisfying(ClioPreconditionFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(new ClioErrorClassifier().classify(e)).isEqualTo(ErrorClass.CONFLICT);
                });
        assertThat(clio.data().contactPatchCount(ada)).isEqualTo(1);
    }

    @Test
    void aMatterNoteIsCreatedAndFoundByItsMarkerAfterALostResponse() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        long matter = clio.data().createMatter(acme, "Lease", "Open", "Property", "Jane Roe", "jane@firm.example",
                LocalDate.of(2025, 1, 1));
        ClioNote note = client.createMatterNote(matter, "Client approved “Lease v3”",
                "Approved through the client portal. [matterhub action a-1]", LocalDate.of(2025, 3, 1));
        assertThat(note.id()).isPositive();
        assertThat(note.matter().id()).isEqualTo(matter);
        assertThat(note.date()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(clio.data().matterNotes(matter)).singleElement()
                .satisfies(n -> assertThat(n.get("detail")).isEqualTo("Approved through the client portal. [matterhub action a-1]"));

        // the response of the next one is lost after Clio created it: the marker finds it, so it is not sent again
        clio.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/notes\\.json", 1));
        assertThatThrownBy(() -> client.createMatterNote(matter, "Client requested changes",
                "Please fix clause 4. [matterhub action a-2]", null)).isInstanceOf(VendorIoException.class);
        assertThat(client.findMatterNotes(matter, "[matterhub action a-2]")).singleElement()
                .satisfies(n -> assertThat(n.subject()).isEqualTo("Client requested changes"));
        assertThat(client.findMatterNotes(matter, null)).hasSize(2);
        assertThat(clio.data().noteCount()).isEqualTo(2);
        RecordedRequest post = only(r -> r.method().equals("POST") && r.path().equals("/api/v4/notes.json")
                && r.body().contains("a-1"));
        assertThat(post.body()).contains("\"type\":\"Matter\"").contains("\"matter\":{\"id\":" + matter + "}");
    }

    @Test
    void a429CarriesRetryAfterAndPausesTheLimiter() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        clio.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("GET").pathRegex("^/api/v4/contacts/")
                .times(1).retryAfterSeconds(2).build());

        assertThatThrownBy(() -> client.getContact(acme)).isInstanceOfSatisfying(VendorHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
            ClioErrorClassifier classifier = new ClioErrorClassifier();
            assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
            assertThat(classifier.retryAfter(e)).contains(Duration.ofSeconds(2));
        });
        assertThat(limiter.status().pausedUntil()).isPresent();

        assertThat(client.getContact(acme).name()).isEqualTo("Acme Holdings");
        List<RecordedRequest> calls = clio.requests().stream()
                .filter(r -> r.path().startsWith("/api/v4/contacts/")).toList();
        assertThat(calls).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aBurstUnderTheVendorsLimitGetsNo429() throws Exception {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        long id = clio.data().createMatter(acme, "Lease review", "Open", "Real Estate", "Jane Roe",
                "jane@firm.example", LocalDate.of(2025, 1, 1));
        clio.setRateLimitPerMinute(600);
        // configured at Clio's default 50/min: the first response's X-RateLimit-Limit raises it to 600
        RateLimiter connectionLimiter = new RateLimiter("clio-burst", properties.rateLimitPerMinute(), Duration.ofMinutes(1));
        ClioClient burst = new ClioClient(properties, store, connectionLimiter, http, Clock.systemUTC());
        clio.clearRequests();

        int calls = 60;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        burst.getMatter(id);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(clio.requests()).hasSize(calls).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(connectionLimiter.limit()).isEqualTo(600);
        assertThat(burst.lastRateLimit()).hasValueSatisfying(s -> assertThat(s.limit()).isEqualTo(600));
    }

    @Test
    void webhookLifecycleAndASignedDeliveryVerifies() throws Exception {
        List<Map.Entry<byte[], String>> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/clio", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            ClioWebhookVerifier.handshakeSecret(exchange.getRequestHeaders().getFirst(ClioHeaders.HOOK_SECRET))
                    .ifPresentOrElse(
                            secret -> ClioWebhookVerifier.handshakeResponseHeaders(secret)
                                    .forEach((k, v) -> exchange.getResponseHeaders().add(k, v)),
                            () -> deliveries.add(Map.entry(body,
                                    String.valueOf(exchange.getRequestHeaders().getFirst(ClioHeaders.HOOK_SIGNATURE)))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
            long matter = clio.data().createMatter(acme, "Lease review", "Open", "Real Estate", "Jane Roe",
                    "jane@firm.example", LocalDate.of(2025, 1, 1));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/clio";
            Instant expires = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

            ClioWebhook hook = client.createWebhook(url, "matter", List.of("updated", "deleted"), "id,etag,status",
                    expires);
            assertThat(hook.sharedSecret()).isNotBlank();
            assertThat(hook.toString()).doesNotContain(hook.sharedSecret());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.listWebhooks().stream()
                    .anyMatch(w -> w.id() == hook.id() && "enabled".equals(w.status())));

            clio.data().updateMatterStatus(matter, "Closed");
            await().atMost(Duration.ofSeconds(10)).until(() -> !deliveries.isEmpty());
            Map.Entry<byte[], String> delivery = deliveries.get(0);
            ClioWebhookVerifier verifier = new ClioWebhookVerifier();
            assertThat(verifier.verify(delivery.getKey(), delivery.getValue(), hook.sharedSecret())).isTrue();
            assertThat(verifier.verify(delivery.getKey(), delivery.getValue(), "wrong")).isFalse();
            ClioWebhookEvent event = ClioWebhookEvent.parse(delivery.getKey());
            assertThat(event.webhookId()).isEqualTo(hook.id());
            assertThat(event.event()).isEqualTo("updated");
            assertThat(event.recordId()).isEqualTo(Long.toString(matter));
            assertThat(event.dedupeKey()).isEqualTo(hook.id() + ":updated:" + matter + ":" + event.etag());
            assertThat(event.etag()).isEqualTo(client.getMatter(matter).etag());

            Instant later = expires.plus(Duration.ofDays(14));
            assertThat(client.extendWebhook(hook.id(), later).expiresAt()).isEqualTo(later);
            client.deleteWebhook(hook.id());
            client.deleteWebhook(hook.id()); // idempotent
            assertThat(client.listWebhooks()).isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void faultsSurfaceAsTheKernelsExceptionsAndClassify() {
        long acme = clio.data().createCompany("Acme Holdings", "legal@acme.example", "+1 555 0100");
        ClioErrorClassifier classifier = new ClioErrorClassifier();
        ClioClient impatient = new ClioClient(properties.withRequestTimeout(Duration.ofMillis(500)), store, limiter, http, Clock.systemUTC());

        clio.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "GET", "^/api/v4/contacts/", 1));
        assertThatThrownBy(() -> client.getContact(acme)).isInstanceOfSatisfying(VendorHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.errorType()).isEqualTo("InternalServerError");
            assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
        });

        clio.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, "GET", "^/api/v4/contacts/", 1));
        assertThatThrownBy(() -> client.getContact(acme)).isInstanceOfSatisfying(VendorResponseException.class, e -> {
            assertThat(e.kind()).isEqualTo(VendorResponseException.Kind.MALFORMED);
            assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
        });

        clio.faults().add(FaultRule.of(FaultKind.TIMEOUT, "GET", "^/api/v4/contacts/", 1));
        assertThatThrownBy(() -> impatient.getContact(acme)).isInstanceOfSatisfying(VendorIoException.class, e -> {
            assertThat(e.isTimeout()).isTrue();
            assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
        });

        assertThat(client.getContact(acme).name()).isEqualTo("Acme Holdings");
    }

    @Test
    void aNextPageUrlForAnotherHostIsNeverFollowed() {
        clio.clearRequests();
        assertThatThrownBy(() -> client.listMatters(null, "https://evil.example/api/v4/matters.json?page_token=x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listMatters(null, clio.baseUrl() + "/api/v4/contacts.json?page_token=x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(clio.requests()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private RecordedRequest only(java.util.function.Predicate<RecordedRequest> filter) {
        List<RecordedRequest> matching = clio.requests().stream().filter(filter).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
