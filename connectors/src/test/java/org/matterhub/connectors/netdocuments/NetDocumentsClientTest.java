package org.matterhub.connectors.netdocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.connectors.kernel.FormQuery.query;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.Concurrently;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.PatternStream;
import org.matterhub.connectors.kernel.ByteRange;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.FakeTime;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.netdocuments.NetDocumentsDemoSeed;
import org.matterhub.simulators.netdocuments.NetDocumentsSimulator;
import org.matterhub.simulators.netdocuments.NetDocumentsSimulatorOptions;

/**
 * {@link NetDocumentsClient} against the NetDocuments simulator over real HTTP (in-process). After every test
 * each API request the connector sent is validated against NetDocuments' connector definition.
 */
@Timeout(60)
class NetDocumentsClientTest {

    private static final String CLIENT_ID = "AP-MATTERHB";
    private static final String CLIENT_SECRET = "app-secret-never-logged";
    private static final String REDIRECT_URI = "https://hub.example/oauth/netdocuments/callback";

    private NetDocumentsSimulator nd;
    private NetDocumentsDemoSeed seed;
    private HttpClient http;
    private NetDocumentsProperties properties;
    private RecordingNetDocumentsTokenStore store;
    private RateLimiter limiter;
    private NetDocumentsClient client;
    private final NetDocumentsErrorClassifier classifier = new NetDocumentsErrorClassifier();

    @BeforeEach
    void start() throws Exception {
        nd = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.defaults());
        nd.registerApp(CLIENT_ID, CLIENT_SECRET);
        nd.setRateLimitPerMinute(0); // tests that need the limit switch it on
        seed = nd.seedDemoFirm();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI base = URI.create(nd.baseUrl());
        properties = NetDocumentsProperties.of(base, base, nd.options().repositoryId(), nd.options().cabinetId(),
                CLIENT_ID, CLIENT_SECRET).withRequestTimeout(Duration.ofSeconds(10));
        store = new RecordingNetDocumentsTokenStore(authorize());
        limiter = new RateLimiter("nd-test", 60_000, Duration.ofMinutes(1));
        client = new NetDocumentsClient(properties, store, limiter, http, Clock.systemUTC());
        nd.clearRequests();
    }

    @AfterEach
    void validateAgainstTheSpecAndStop() {
        try {
            assertThat(NetDocumentsSpecValidator.problems(nd.requests())).isEmpty();
        } finally {
            nd.close();
        }
    }

    private OAuthTokenSet authorize() throws Exception {
        NetDocumentsOAuthClient oauth = new NetDocumentsOAuthClient(properties, http, Clock.systemUTC());
        URI authorize = oauth.authorizeUrl(REDIRECT_URI, "st-9");
        assertThat(query(authorize.getRawQuery())).containsEntry("scope", "read edit organize lookup")
                .containsEntry("response_type", "code");
        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(authorize).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> params = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertThat(params).containsEntry("state", "st-9");
        return oauth.exchangeCode(params.get("code"), REDIRECT_URI);
    }

    @Test
    void oauthUsesBasicClientAuthAndAReplayedCodeRequiresReauthorization() throws Exception {
        nd.clearRequests();
        NetDocumentsOAuthClient oauth = new NetDocumentsOAuthClient(properties, http, Clock.systemUTC());
        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(oauth.authorizeUrl(REDIRECT_URI, "s")).GET()
                .build(), HttpResponse.BodyHandlers.discarding());
        String code = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery()).get("code");
        OAuthTokenSet tokens = oauth.exchangeCode(code, REDIRECT_URI);
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(tokens.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(40)));
        assertThatThrownBy(() -> oauth.exchangeCode(code, REDIRECT_URI))
                .isInstanceOf(NetDocumentsReauthorizationRequiredException.class)
                .hasMessageNotContaining(code).hasMessageNotContaining(CLIENT_SECRET);
        RecordedRequest token = nd.requests().stream().filter(r -> r.path().equals("/v1/OAuth")).findFirst().orElseThrow();
        assertThat(token.header("Authorization")).startsWith("Basic ");
        assertThat(token.body()).doesNotContain(CLIENT_SECRET);
        assertThat(query(token.body())).containsEntry("grant_type", "authorization_code");
        assertThat(oauth.refresh(tokens.refreshToken()).refreshToken()).isEqualTo(tokens.refreshToken());
    }

    @Test
    void cabinetsAttributesLookupsAndWorkspaceGetOrCreate() {
        client = new NetDocumentsClient(properties.withPageSize(2), store, limiter, http, Clock.systemUTC());
        assertThat(client.listCabinets()).extracting(NetDocumentsCabinet::id).containsExactly(properties.cabinetId());
        NetDocumentsWorkspaceAttributes attrs = client.workspaceAttributes();
        assertThat(attrs).isEqualTo(new NetDocumentsWorkspaceAttributes(1, 2));
        assertThat(client.cabinetCustomAttributes()).extracting(NetDocumentsAttributeDefinition::id).contains(1, 2);

        assertThat(client.lookupValues(attrs.clientAttributeId())).extracting(NetDocumentsLookupEntry::key)
                .containsExactly("BLUEBIRD", "CEDARPINE", "NORTHWIND");
        long northwindMatters = seed.matters().stream().filter(m -> m.clientKey().equals("NORTHWIND")).count();
        assertThat(client.lookupChildValues(attrs.matterAttributeId(), "NORTHWIND")).hasSize((int) northwindMatters)
                .allSatisfy(e -> assertThat(e.parent()).isEqualTo("NORTHWIND"));
        NetDocumentsDemoSeed.Matter m = seed.matters().get(0);
        assertThat(client.lookupChildValue(attrs.matterAttributeId(), m.clientKey(), m.matterKey()).key())
                .isEqualTo(m.matterKey());
        assertThat(client.lookupValue(attrs.clientAttributeId(), "NORTHWIND").description()).isNotBlank();

        NetDocumentsItem ws = client.workspace(m.clientKey(), m.matterKey());
        assertThat(ws.id()).isEqualTo(m.workspaceId());
        assertThat(ws.attribute(attrs.matterAttributeId())).contains(m.matterKey());
        assertThat(client.getWorkspace(ws.id()).name()).isEqualTo(ws.name());

        nd.data().createMatter("NORTHWIND", "00777", "New matter");
        assertThat(nd.data().workspaceId("NORTHWIND", "00777")).isNull();
        NetDocumentsItem created = client.workspace("NORTHWIND", "00777");
        assertThat(nd.data().workspaceId("NORTHWIND", "00777")).isEqualTo(created.id());
        assertThat(client.workspace("NORTHWIND", "00777").id()).isEqualTo(created.id());
        assertThatThrownBy(() -> client.workspace("NORTHWIND", "no-such")).isInstanceOf(NetDocumentsNotFoundException.class);
    }

    @Test
    void containerPagingWalksTheWholeDemoSeedExactlyOnce() {
        client = new NetDocumentsClient(properties.withPageSize(1), store, limiter, http, Clock.systemUTC());
        List<String> documents = new ArrayList<>();
        int folders = 0;
        for (NetDocumentsDemoSeed.Matter m : seed.matters()) {
            for (NetDocumentsItem item : client.listContainerAll(m.workspaceId())) {
                assertThat(item.isDocument()).isFalse();
                folders++;
                for (NetDocumentsItem doc : client.listContainerAll(item.id())) {
                    documents.add(doc.id());
                }
            }
        }
        assertThat(folders).isEqualTo(96);
        assertThat(documents).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seed.documentIds());
        assertThat(nd.requests()).filteredOn(r -> r.path().startsWith("/v2/container/"))
                .anySatisfy(r -> assertThat(query(r.query())).containsKey("skiptoken").containsEntry("top", "1"));
    }

    @Test
    void activityLogSinceATimeReturnsOnlyTheLaterChangesIncludingDeletions() {
        List<NetDocumentsLogEntry> history = client.activitySince(Instant.now().minus(Duration.ofDays(1)));
        assertThat(history).isNotEmpty();
        Instant cursor = history.get(history.size() - 1).date().plusMillis(1);

        String letter = seed.documentIds().get(0);
        String memo = seed.documentIds().get(1);
        String gone = seed.documentIds().get(2);
        nd.data().addVersion(letter, "v2".getBytes(StandardCharsets.UTF_8));
        nd.data().updateProfile(memo, "name", "Renamed");
        nd.data().deleteDocument(gone);
        String fresh = nd.data().putDocument(seed.matters().get(3).clientPortalFolderId(), "Fresh", "txt",
                "f".getBytes(StandardCharsets.UTF_8));

        List<NetDocumentsLogEntry> changes = client.activitySince(cursor);
        assertThat(changes).extracting(NetDocumentsLogEntry::action, NetDocumentsLogEntry::objectId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("New Version", letter),
                org.assertj.core.groups.Tuple.tuple("Edit Profile", memo),
                org.assertj.core.groups.Tuple.tuple("Delete", gone),
                org.assertj.core.groups.Tuple.tuple("Create", fresh));
        assertThat(changes.get(2).isDelete()).isTrue();
        assertThat(client.activitySince(changes.get(3).date().plusMillis(1))).isEmpty();
        assertThat(client.activity(cursor, changes.get(2).date())).hasSize(2);
        assertThatThrownBy(() -> client.getDocumentProfile(gone)).isInstanceOfSatisfying(
                NetDocumentsNotFoundException.class, e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.PERMANENT));

        RecordedRequest logRequest = nd.requests().stream().filter(r -> r.path().endsWith("/log")).findFirst().orElseThrow();
        assertThat(query(logRequest.query())).containsEntry("format", "json").containsEntry("Logtype", "consolidated")
                .hasEntrySatisfying("start", s -> assertThat(s).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void rangeAndVersionDownloadsStreamExactlyTheRequestedBytes() throws Exception {
        String doc = seed.documentIds().get(0);
        byte[] stored = nd.data().content(doc);
        try (ContentDownload d = client.download(doc, null, ByteRange.of(10, 49))) {
            assertThat(d.status()).isEqualTo(206);
            assertThat(d.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(stored, 10, 50));
            assertThat(d.served()).hasValueSatisfying(s -> assertThat(s.total()).isEqualTo(stored.length));
        }
        try (ContentDownload d = client.download(doc, null, null)) {
            assertThat(d.body().readAllBytes()).isEqualTo(stored);
            assertThat(d.contentLength()).hasValue(stored.length);
        }
        nd.data().addVersion(doc, "second".getBytes(StandardCharsets.UTF_8));
        try (ContentDownload d = client.download(doc, 1, ByteRange.from(0))) {
            assertThat(d.body().readAllBytes()).isEqualTo(stored);
        }
        try (ContentDownload d = client.download(doc, 2, null)) {
            assertThat(d.body().readAllBytes()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> client.download(doc, null, ByteRange.from(1_000_000)))
                .isInstanceOfSatisfying(VendorHttpException.class, e -> assertThat(e.status()).isEqualTo(416));
    }

    @Test
    void uploadAndNewVersionStreamIntoTheDestination() throws Exception {
        NetDocumentsDemoSeed.Matter m = seed.matters().get(5);
        String folder = m.clientPortalFolderId();
        int size = 2 * 1024 * 1024 + 3;
        UploadContent big = UploadContent.of(() -> new PatternStream(size, 17, 3), size);

        NetDocumentsUploadResult up = client.upload(folder, "Engagement letter.pdf", Map.of(), big);

        assertThat(up.name()).isEqualTo("Engagement letter");
        assertThat(up.extension()).isEqualTo("pdf");
        assertThat(nd.uploadCount(folder)).isEqualTo(1);
        assertThat(nd.data().content(up.id())).isEqualTo(new PatternStream(size, 17, 3).readAllBytes());
        NetDocumentsItem profile = client.getDocumentProfile(up.id());
        assertThat(profile.standardAttributes().size()).isEqualTo(size);
        assertThat(profile.attribute(2)).contains(m.matterKey());
        RecordedRequest upload = nd.requests().stream().filter(r -> r.path().equals("/v1/Document/upload"))
                .findFirst().orElseThrow();
        assertThat(upload.header("Content-Length")).isNotNull();
        assertThat(upload.header("Transfer-Encoding")).isNull();

        NetDocumentsNewVersion v = client.newVersion(up.id(), "pdf", "countersigned",
                UploadContent.of("signed".getBytes(StandardCharsets.UTF_8)));
        assertThat(v.newVer()).isEqualTo(2);
        assertThat(v.officialVer()).isEqualTo(2);
        assertThat(nd.data().versionUploadCount(up.id())).isEqualTo(1);
        assertThat(client.listVersions(up.id())).extracting(NetDocumentsVersion::number).containsExactly(1, 2);
        assertThat(client.listVersions(up.id()).get(1).isOfficial()).isTrue();
        assertThat(nd.data().content(up.id())).isEqualTo("signed".getBytes(StandardCharsets.UTF_8));

        NetDocumentsUploadResult tagged = client.upload(m.workspaceId(), "Note.txt", new java.util.TreeMap<>(Map.of(1, m.clientKey(), 2, m.matterKey())),
                UploadContent.of("n".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.getDocumentProfile(tagged.id()).attribute(1)).contains(m.clientKey());
        assertThat(client.findByName(m.workspaceId(), "Note")).extracting(NetDocumentsItem::id).containsExactly(tagged.id());
        // the validator cannot read multipart bodies: check the definition's formData by hand (required:
        // destination, file, partialProfiling; profile is a string of JSON)
        RecordedRequest textUpload = nd.requests().stream().filter(r -> r.path().equals("/v1/Document/upload"))
                .reduce((a, b) -> b).orElseThrow();
        List<org.matterhub.simulators.common.Multipart.Part> parts = org.matterhub.simulators.common.Multipart.parse(
                textUpload.header("Content-Type"), textUpload.body().getBytes(StandardCharsets.UTF_8));
        assertThat(parts).extracting(org.matterhub.simulators.common.Multipart.Part::name)
                .containsExactly("destination", "profile", "addToRecent", "partialProfiling", "file");
        assertThat(parts.get(1).text()).isEqualTo("{\"customAttributes\":[{\"id\":1,\"value\":\"" + m.clientKey()
                + "\"},{\"id\":2,\"value\":\"" + m.matterKey() + "\"}]}");
    }

    @Test
    void aLostUploadResponseIsRetriableAndFindByNamePreventsADoubleUpload() {
        String folder = seed.matters().get(0).clientPortalFolderId();
        nd.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/v1/Document/upload", 1));
        assertThatThrownBy(() -> client.upload(folder, "Statement (outbox 31).pdf", Map.of(),
                UploadContent.of("%PDF".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(VendorIoException.class,
                        e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE));
        assertThat(client.findByName(folder, "Statement (outbox 31)")).hasSize(1);
        assertThat(nd.uploadCount(folder)).isEqualTo(1);
    }

    @Test
    void aFolderCreatedInAWorkspaceIsListedAndTakesUploads() {
        String workspace = seed.matters().get(1).workspaceId();
        NetDocumentsItem folder = client.createFolder(workspace, "Client uploads");
        assertThat(folder.name()).isEqualTo("Client uploads");
        assertThat(nd.data().folderId(workspace, "Client uploads")).isEqualTo(folder.id());
        assertThat(client.listContainerAll(workspace)).extracting(NetDocumentsItem::id).contains(folder.id());
        NetDocumentsUploadResult up = client.upload(folder.id(), "Scan.pdf", Map.of(),
                UploadContent.of("%PDF-1.4 x".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.findByName(folder.id(), "Scan")).extracting(NetDocumentsItem::id).containsExactly(up.id());
    }

    @Test
    void aProfileUpdateSetsACustomAttributeAndIsHarmlessTwice() {
        String doc = seed.documentIds().get(0);
        NetDocumentsItem once = client.updateProfile(doc, null, Map.of(7, "Client approved (portal action a-1)"));
        NetDocumentsItem twice = client.updateProfile(doc, null, Map.of(7, "Client approved (portal action a-1)"));
        assertThat(once.attribute(7)).contains("Client approved (portal action a-1)");
        assertThat(twice.attribute(7)).isEqualTo(once.attribute(7));
        assertThat(client.getDocumentProfile(doc).attribute(7)).contains("Client approved (portal action a-1)");
        assertThat(once.name()).isEqualTo(client.getDocumentProfile(doc).name());
    }

    @Test
    void aServerErrorOnNewVersionIsRetriableAndNothingWasStored() {
        String doc = seed.documentIds().get(0);
        nd.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("PUT").pathRegex("/new$").status(502)
                .times(1).build());
        assertThatThrownBy(() -> client.newVersion(doc, null, null, UploadContent.of(new byte[] {1, 2})))
                .isInstanceOfSatisfying(VendorHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
                });
        assertThat(nd.data().versionUploadCount(doc)).isZero();
        assertThat(client.listVersions(doc)).hasSize(nd.data().versionCount(doc));
    }

    @Test
    void tenConcurrent401sCauseOneRefreshPersistedBeforeTheNewTokenIsUsed() throws Exception {
        String doc = seed.documentIds().get(0);
        String oldToken = store.load().accessToken();
        client.getDocumentProfile(doc);
        nd.expireAccessTokens();
        nd.clearRequests();
        int threads = 10;
        assertThat(Concurrently.call(threads, () -> client.getDocumentProfile(doc)))
                .hasSize(threads).allSatisfy(r -> assertThat(r.id()).isEqualTo(doc));
        List<RecordedRequest> sent = nd.requests();
        assertThat(sent).filteredOn(r -> r.path().equals("/v1/OAuth")).hasSize(1);
        assertThat(store.saves()).hasSize(1);
        RecordingNetDocumentsTokenStore.Save save = store.saves().get(0);
        String bearer = "Bearer " + save.tokens().accessToken();
        List<RecordedRequest> api = sent.stream().filter(r -> r.path().endsWith("/info")).toList();
        assertThat(api).filteredOn(r -> bearer.equals(r.header("Authorization"))).hasSize(threads)
                .allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(save.at().truncatedTo(ChronoUnit.MILLIS)));
        assertThat(api).filteredOn(r -> r.status() == 401)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + oldToken))
                .hasSizeBetween(1, threads);
    }

    @Test
    void revokedGrantRequiresReauthorization() {
        nd.revokeAllTokens();
        assertThatThrownBy(() -> client.listCabinets()).isInstanceOfSatisfying(
                NetDocumentsReauthorizationRequiredException.class,
                e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.REAUTHORIZATION_REQUIRED));
    }

    /**
     * The default limiter (100 per 60 s) on a simulated clock: a burst of 250 calls is paced so that no
     * 60-second span — fixed from the first call as the vendor counts, or sliding — holds more than 100, the
     * simulator answers every one (zero 429), and the burst still completes in about 2.5 simulated minutes.
     */
    @Test
    void theHundredPerMinuteLimitIsRespectedWithZero429sInABurst() {
        FakeTime time = new FakeTime(Instant.parse("2026-01-05T09:00:00Z"));
        RateLimiter paced = properties.newRateLimiter("nd:burst", time);
        assertThat(paced.limit()).isEqualTo(100);
        NetDocumentsClient burst = new NetDocumentsClient(properties, store, paced, http, Clock.systemUTC());
        String doc = seed.documentIds().get(0);
        List<Instant> sentAt = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            burst.getDocumentProfile(doc);
            sentAt.add(time.now());
        }
        for (int i = 0; i < sentAt.size(); i++) {
            Instant windowEnd = sentAt.get(i).plus(Duration.ofSeconds(60));
            long inWindow = sentAt.stream().filter(t -> !t.isBefore(windowEndMinus(windowEnd)) && t.isBefore(windowEnd)).count();
            assertThat(inWindow).as("calls in the 60 s from call " + i).isLessThanOrEqualTo(100);
        }
        assertThat(Duration.between(sentAt.get(0), sentAt.get(249))).isLessThan(Duration.ofSeconds(160));
        assertThat(nd.requests()).filteredOn(r -> r.path().endsWith("/info")).hasSize(250)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    private static Instant windowEndMinus(Instant end) {
        return end.minus(Duration.ofSeconds(60));
    }

    /**
     * The simulator's real limit: a 429 carries Retry-After, pauses the limiter, and the next call waits it out — on a
     * simulated clock, so the wait is read off the clock the limiter slept on, not off a stopwatch.
     */
    @Test
    void a429PausesTheConnectionForRetryAfter() {
        nd.setRateLimitPerMinute(100);
        nd.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("GET").pathRegex("/info$")
                .retryAfterSeconds(1).times(1).build());
        FakeTime time = new FakeTime(Instant.parse("2026-01-05T09:00:00Z"));
        RateLimiter paced = properties.newRateLimiter("nd:429", time);
        NetDocumentsClient timed = new NetDocumentsClient(properties, store, paced, http, time.asClock());
        String doc = seed.documentIds().get(0);
        assertThatThrownBy(() -> timed.getDocumentProfile(doc)).isInstanceOfSatisfying(VendorHttpException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
            assertThat(classifier.retryAfter(e)).contains(Duration.ofSeconds(1));
        });
        Instant pausedAt = time.now();
        assertThat(paced.status().pausedUntil()).contains(pausedAt.plusSeconds(1));
        assertThat(timed.getDocumentProfile(doc).id()).isEqualTo(doc);
        assertThat(time.now()).as("the second call waited out Retry-After on the limiter's clock")
                .isAfterOrEqualTo(pausedAt.plusSeconds(1));
        assertThat(nd.requests()).filteredOn(r -> r.path().endsWith("/info")).extracting(r -> r.status())
                .containsExactly(429, 200);
    }
}
