package org.matterhub.connectors.imanage;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.imanage.ImanageDemoSeed;
import org.matterhub.simulators.imanage.ImanageSimulator;
import org.matterhub.simulators.imanage.ImanageSimulatorOptions;

/**
 * {@link ImanageClient} against the iManage simulator over real HTTP (in-process). Assertions look at what
 * the simulator received and holds, not only at what the client returned.
 */
@Timeout(60)
class ImanageClientTest {

    private static final String CLIENT_ID = "matterhub-test";
    private static final String CLIENT_SECRET = "app-secret-never-logged";
    private static final String REDIRECT_URI = "https://hub.example/oauth/imanage/callback";

    private ImanageSimulator im;
    private ImanageDemoSeed seed;
    private HttpClient http;
    private ImanageProperties properties;
    private RecordingImanageTokenStore store;
    private RateLimiter limiter;
    private ImanageClient client;
    private final ImanageErrorClassifier classifier = new ImanageErrorClassifier();

    @BeforeEach
    void start() throws Exception {
        start(ImanageSimulatorOptions.defaults());
    }

    private void start(ImanageSimulatorOptions options) throws Exception {
        if (im != null) {
            im.close();
        }
        im = ImanageSimulator.start(options);
        im.registerApp(CLIENT_ID, CLIENT_SECRET);
        seed = im.seedDemoFirm();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        properties = ImanageProperties.of(URI.create(im.baseUrl()), "ACTIVE_US", CLIENT_ID, CLIENT_SECRET)
                .withRequestTimeout(Duration.ofSeconds(10));
        store = new RecordingImanageTokenStore(authorize());
        limiter = new RateLimiter("imanage-test", 60_000, Duration.ofMinutes(1));
        client = new ImanageClient(properties, store, limiter, http, Clock.systemUTC());
        im.clearRequests();
    }

    @AfterEach
    void stop() {
        im.close();
    }

    /** The firm admin's browser round trip: authorize → 302 to our redirect URI → code exchange. */
    private OAuthTokenSet authorize() throws Exception {
        ImanageOAuthClient oauth = new ImanageOAuthClient(properties, http, Clock.systemUTC());
        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(oauth.authorizeUrl(REDIRECT_URI, "st-1"))
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT_URI + "?");
        Map<String, String> params = query(location.getRawQuery());
        assertThat(params).containsEntry("state", "st-1").containsKey("code");
        return oauth.exchangeCode(params.get("code"), REDIRECT_URI);
    }

    @Test
    void oauthCodeExchangePasswordGrantAndReplayedCode() throws Exception {
        OAuthTokenSet tokens = store.load();
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(tokens.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(29)),
                Instant.now().plus(Duration.ofMinutes(31)));
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());

        ImanageOAuthClient oauth = new ImanageOAuthClient(properties, http, Clock.systemUTC());
        im.registerUser("hubsvc", "pw");
        assertThat(oauth.passwordGrant("hubsvc", "pw").accessToken()).isNotBlank();
        assertThatThrownBy(() -> oauth.passwordGrant("hubsvc", "wrong"))
                .isInstanceOf(ImanageReauthorizationRequiredException.class).hasMessageNotContaining("wrong");

        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(oauth.authorizeUrl(REDIRECT_URI, "s2")).GET()
                .build(), HttpResponse.BodyHandlers.discarding());
        String code = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery()).get("code");
        oauth.exchangeCode(code, REDIRECT_URI);
        assertThatThrownBy(() -> oauth.exchangeCode(code, REDIRECT_URI))
                .isInstanceOfSatisfying(ImanageReauthorizationRequiredException.class,
                        e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.REAUTHORIZATION_REQUIRED))
                .hasMessageNotContaining(CLIENT_SECRET).hasMessageNotContaining(code);
        RecordedRequest token = im.requests().stream().filter(r -> r.path().equals("/auth/oauth2/token")).toList().get(0);
        assertThat(query(token.body())).containsEntry("grant_type", "password").containsEntry("client_id", CLIENT_ID);
    }

    @Test
    void discoveryResolvesTheCustomerOnceAndEveryCallCarriesXAuthToken() {
        assertThat(client.discover().libraries()).containsExactly("ACTIVE_US");
        assertThat(client.listClients()).extracting(ImanageCustom::id)
                .containsExactlyInAnyOrder("NORTHWIND", "BLUEBIRD", "CEDARPINE");
        client.getWorkspace(seed.matters().get(0).workspaceId());
        assertThat(client.customerId()).isEqualTo("1");

        List<RecordedRequest> sent = im.requests();
        assertThat(sent).filteredOn(r -> r.path().equals("/api")).hasSize(2); // explicit discover + lazy resolution
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.header("X-Auth-Token")).isEqualTo(store.load().accessToken());
            assertThat(r.header("Authorization")).isNull();
        });
        assertThat(sent).filteredOn(r -> r.path().contains("/workspaces/"))
                .allSatisfy(r -> assertThat(r.path()).isEqualTo("/work/api/v2/customers/1/libraries/ACTIVE_US/workspaces/"
                        + seed.matters().get(0).workspaceId()));
    }

    @Test
    void customsWorkspacesFoldersAndDocumentsAcrossSmallPages() {
        client = new ImanageClient(properties.withCustomerId("1").withPageSizes(1000, 4), store, limiter, http, Clock.systemUTC());
        Map<String, Long> mattersPerClient = new HashMap<>();
        seed.matters().forEach(m -> mattersPerClient.merge(m.clientId(), 1L, Long::sum));
        for (String c : seed.clients()) {
            List<ImanageCustom> matters = client.listMatters(c);
            assertThat(matters).hasSize(mattersPerClient.get(c).intValue())
                    .allSatisfy(m -> assertThat(m.parentId()).isEqualTo(c));
        }
        assertThat(client.listMatters(null)).hasSize(48).extracting(ImanageCustom::id).doesNotHaveDuplicates();

        ImanageDemoSeed.Matter m = seed.matters().get(4);
        ImanageWorkspace ws = client.findMatterWorkspace(m.clientId(), m.matterId()).orElseThrow();
        assertThat(ws.id()).isEqualTo(m.workspaceId());
        assertThat(ws.custom1()).isEqualTo(m.clientId());
        assertThat(client.findMatterWorkspace(m.clientId(), "99999")).isEmpty();
        assertThat(client.workspaceFolders(ws.id())).extracting(ImanageFolder::name)
                .containsExactlyInAnyOrder("Client Portal", "Internal");
        ImanageFolder portal = client.getFolder(m.clientPortalFolderId());
        assertThat(portal.workspaceId()).isEqualTo(ws.id());
        assertThat(client.folderDocuments(m.clientPortalFolderId())).extracting(ImanageDocument::id)
                .containsExactlyElementsOf(im.data().documentIds(m.clientPortalFolderId()));
        assertThat(im.requests()).noneMatch(r -> r.path().equals("/api"));
        assertThat(im.requests()).filteredOn(r -> r.path().endsWith("/customs/custom2"))
                .anySatisfy(r -> assertThat(query(r.query())).containsEntry("limit", "4").containsEntry("offset", "4"));
    }

    @Test
    void documentCrawlWalksTheDemoSeedExactlyOnceThenOnlyChangesFromTheSavedCursor() {
        client = new ImanageClient(properties.withPageSizes(25, 500), store, limiter, http, Clock.systemUTC());
        List<ImanageDocument> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        ImanageCrawlPage<ImanageDocument> page;
        do {
            page = client.crawlDocuments(cursor);
            rows.addAll(page.rows());
            cursor = page.cursor();
            pages++;
        } while (page.hasMore());

        int versions = seed.documentIds().stream().mapToInt(id -> im.data().versionCount(id)).sum();
        assertThat(rows).hasSize(versions).extracting(ImanageDocument::id).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(versions / 25 + 1);
        assertThat(rows.stream().filter(ImanageDocument::isLatest).map(d -> d.id()))
                .containsExactlyInAnyOrderElementsOf(seed.documentIds());
        assertThat(rows).allSatisfy(d -> {
            assertThat(d.custom1()).isNotBlank();
            assertThat(d.editDate()).isNotNull();
        });
        assertThat(cursor).isNotNull();

        String saved = cursor;
        String letter = seed.documentIds().get(0);
        String memo = seed.documentIds().get(3);
        String v2 = im.data().addVersion(letter, "letter v2".getBytes(StandardCharsets.UTF_8));
        im.data().updateProfile(memo, "name", "Renamed memo");
        String fresh = im.data().putDocument(seed.matters().get(1).clientPortalFolderId(), "New", "txt",
                "new".getBytes(StandardCharsets.UTF_8));

        ImanageCrawlPage<ImanageDocument> changes = client.crawlDocuments(saved);
        assertThat(changes.hasMore()).isFalse();
        assertThat(changes.rows()).extracting(ImanageDocument::id)
                .containsExactly(v2, im.data().documentProfile(memo).get("id").toString(), fresh);
        assertThat(changes.rows().get(1).name()).isEqualTo("Renamed memo");
        assertThat(client.crawlDocuments(changes.cursor()).rows()).isEmpty();

        // the crawl requests the simulator received: limit on each, the cursor of the previous page after the first
        List<RecordedRequest> crawls = im.requests().stream().filter(r -> r.path().endsWith("/sync/documents/crawl"))
                .toList();
        assertThat(crawls.get(0).body()).isEqualTo("{\"limit\":25}");
        assertThat(crawls.get(1).body()).startsWith("{\"limit\":25,\"cursor\":\"");
    }

    @Test
    void folderAndWorkspaceCrawlsCoverTheSeed() {
        client = new ImanageClient(properties.withPageSizes(10, 500), store, limiter, http, Clock.systemUTC());
        Set<String> folders = new HashSet<>();
        Set<String> workspaces = new HashSet<>();
        ImanageCrawlPage<ImanageFolder> f = null;
        do {
            f = client.crawlFolders(f == null ? null : f.cursor());
            f.rows().forEach(r -> assertThat(folders.add(r.id())).isTrue());
        } while (f.hasMore());
        ImanageCrawlPage<ImanageWorkspace> w = null;
        do {
            w = client.crawlWorkspaces(w == null ? null : w.cursor());
            w.rows().forEach(r -> assertThat(workspaces.add(r.id())).isTrue());
        } while (w.hasMore());
        assertThat(workspaces).containsExactlyInAnyOrderElementsOf(im.data().workspaceIds());
        assertThat(folders).hasSize(96).contains(seed.matters().get(47).internalFolderId());
    }

    @Test
    void deletionsAppearAsTombstonesWhereTheServerSendsThemAndAs404() throws Exception {
        start(ImanageSimulatorOptions.builder().crawlTombstones(true).build());
        String cursor = drainDocuments(null);
        String doc = seed.documentIds().get(2);
        String number = doc.substring(0, doc.indexOf('.'));
        im.data().deleteDocument(doc);

        ImanageCrawlPage<ImanageDocument> page = client.crawlDocuments(cursor);
        assertThat(page.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.isDeleted()).isTrue();
            assertThat(r.id()).startsWith(number + ".");
        });
        assertThatThrownBy(() -> client.getDocument(doc)).isInstanceOfSatisfying(ImanageNotFoundException.class,
                e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.PERMANENT));
    }

    private String drainDocuments(String cursor) {
        ImanageCrawlPage<ImanageDocument> page;
        do {
            page = client.crawlDocuments(cursor);
            cursor = page.cursor();
        } while (page.hasMore());
        return cursor;
    }

    @Test
    void rangeDownloadStreamsExactlyTheRequestedBytes() throws Exception {
        String doc = seed.documentIds().get(0);
        byte[] stored = im.data().content(doc);
        assertThat(stored.length).isGreaterThan(200);

        try (ContentDownload d = client.download(doc, ByteRange.of(100, 163))) {
            assertThat(d.status()).isEqualTo(206);
            assertThat(d.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(stored, 100, 164));
            assertThat(d.served()).hasValueSatisfying(s -> {
                assertThat(s.first()).isEqualTo(100);
                assertThat(s.last()).isEqualTo(163);
                assertThat(s.total()).isEqualTo(stored.length);
            });
        }
        try (ContentDownload d = client.download(doc, ByteRange.from(stored.length - 10))) {
            assertThat(d.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(stored, stored.length - 10, stored.length));
        }
        try (ContentDownload d = client.download(doc, null)) {
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.contentLength()).hasValue(stored.length);
            assertThat(d.fileName()).hasValueSatisfying(n -> assertThat(n).endsWith(".pdf"));
            assertThat(d.body().readAllBytes()).isEqualTo(stored);
        }
        assertThat(im.requests()).filteredOn(r -> r.path().endsWith("/download")).extracting(r -> r.header("Range"))
                .containsExactly("bytes=100-163", "bytes=" + (stored.length - 10) + "-", null);
        assertThatThrownBy(() -> client.download(doc, ByteRange.from(stored.length + 5)))
                .isInstanceOfSatisfying(VendorHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(416);
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.PERMANENT);
                });
    }

    @Test
    void uploadAndNewVersionStreamIntoTheFolder() throws Exception {
        String folder = seed.matters().get(2).clientPortalFolderId();
        int before = im.data().documentIds(folder).size();
        int size = 3 * 1024 * 1024 + 17;
        AtomicInteger opens = new AtomicInteger();
        UploadContent big = UploadContent.of(() -> {
            opens.incrementAndGet();
            return new PatternStream(size, 31, 7);
        }, size);

        ImanageDocument doc = client.uploadDocument(folder, ImanageUploadProfile.of("Signed engagement", "pdf")
                .withComment("matterhub:outbox-77"), big);

        assertThat(opens).hasValue(1);
        assertThat(im.uploadCount(folder)).isEqualTo(1);
        assertThat(im.data().documentIds(folder)).hasSize(before + 1).contains(doc.id());
        assertThat(doc.version()).isEqualTo(1);
        assertThat(doc.size()).isEqualTo(size);
        assertThat(doc.custom2()).isEqualTo(seed.matters().get(2).matterId());
        assertThat(im.data().content(doc.id())).isEqualTo(new PatternStream(size, 31, 7).readAllBytes());
        RecordedRequest upload = im.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().endsWith("/documents")).findFirst().orElseThrow();
        assertThat(upload.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(upload.header("Content-Length")).isNotNull();
        assertThat(upload.header("Transfer-Encoding")).isNull();

        ImanageDocument v2 = client.uploadVersion(doc.id(), "Signed engagement.pdf", "countersigned",
                UploadContent.of("v2 bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.documentNumber()).isEqualTo(doc.documentNumber());
        assertThat(im.data().versionCount(doc.id())).isEqualTo(2);
        assertThat(im.data().versionUploadCount(doc.id())).isEqualTo(1);
        assertThat(client.listVersions(doc.id())).extracting(ImanageDocument::version).containsExactly(1, 2);
        assertThat(client.findByName(folder, "Signed engagement")).extracting(ImanageDocument::id)
                .containsExactly(v2.id());
    }

    @Test
    void aServerErrorOnUploadIsRetriableAndNothingWasStored() {
        String folder = seed.matters().get(0).clientPortalFolderId();
        im.faults().add(FaultRule.builder(FaultKind.SERVER_ERROR).method("POST").pathRegex("/folders/.*/documents$")
                .status(503).times(1).build());
        assertThatThrownBy(() -> client.uploadDocument(folder, ImanageUploadProfile.of("Draft", "txt"),
                UploadContent.of("x".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(VendorHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
                });
        assertThat(im.uploadCount()).isZero();
        assertThat(client.findByName(folder, "Draft")).isEmpty(); // → re-uploading is safe
    }

    @Test
    void aLostResponseAfterUploadIsRetriableAndFindByNamePreventsADoubleUpload() {
        String folder = seed.matters().get(0).clientPortalFolderId();
        im.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", "/folders/.*/documents$", 1));
        String name = "Invoice 2025-07 (outbox 912)";
        byte[] bytes = "%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> client.uploadDocument(folder, ImanageUploadProfile.of(name, "pdf"),
                UploadContent.of(bytes)))
                .isInstanceOfSatisfying(VendorIoException.class,
                        e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE));

        // the caller's idempotent retry: look before uploading again
        List<ImanageDocument> existing = client.findByName(folder, name);
        assertThat(existing).singleElement().satisfies(d -> assertThat(d.size()).isEqualTo(bytes.length));
        assertThat(im.uploadCount(folder)).isEqualTo(1);
    }

    @Test
    void aFolderCreatedInAWorkspaceIsListedAndTakesUploads() {
        String workspace = seed.matters().get(1).workspaceId();
        ImanageFolder folder = client.createFolder(workspace, "Client uploads", "Filed by the client portal");
        assertThat(folder.name()).isEqualTo("Client uploads");
        assertThat(client.workspaceFolders(workspace)).extracting(ImanageFolder::name).contains("Client uploads");
        assertThat(im.data().folderId(workspace, "Client uploads")).isEqualTo(folder.id());
        ImanageDocument d = client.uploadDocument(folder.id(), ImanageUploadProfile.of("Scan", "pdf")
                .withComment("matterhub-upload:u-1"), UploadContent.of("%PDF-1.4 x".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.findByName(folder.id(), "Scan")).singleElement()
                .satisfies(x -> assertThat(x.comment()).isEqualTo("matterhub-upload:u-1"));
        assertThat(d.id()).isNotBlank();
    }

    @Test
    void aProfilePatchChangesTheCommentAndIsHarmlessTwice() {
        String doc = seed.documentIds().get(0);
        ImanageDocument once = client.updateProfile(doc, Map.of("comment", "Client approved (portal action a-1)"));
        ImanageDocument twice = client.updateProfile(doc, Map.of("comment", "Client approved (portal action a-1)"));
        assertThat(once.comment()).isEqualTo(twice.comment()).isEqualTo("Client approved (portal action a-1)");
        assertThat(im.data().documentProfile(doc).get("comment")).isEqualTo("Client approved (portal action a-1)");
        assertThat(im.requests()).filteredOn(r -> r.method().equals("PATCH")).hasSize(2)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"comment\":\"Client approved (portal action a-1)\"}"));
    }

    @Test
    void tenConcurrent401sCauseOneRefreshPersistedBeforeTheNewTokenIsUsed() throws Exception {
        String doc = seed.documentIds().get(0);
        String oldToken = store.load().accessToken();
        client.getDocument(doc);
        im.expireAccessTokens();
        im.clearRequests();

        int threads = 10;
        assertThat(Concurrently.call(threads, () -> client.getDocument(doc)))
                .hasSize(threads).allSatisfy(r -> assertThat(r.id()).isEqualTo(doc));

        List<RecordedRequest> sent = im.requests();
        assertThat(sent).filteredOn(r -> r.path().equals("/auth/oauth2/token")).singleElement()
                .satisfies(r -> assertThat(query(r.body())).containsEntry("grant_type", "refresh_token"));
        assertThat(store.saves()).hasSize(1);
        RecordingImanageTokenStore.Save save = store.saves().get(0);
        String newToken = save.tokens().accessToken();
        assertThat(newToken).isNotEqualTo(oldToken);
        List<RecordedRequest> api = sent.stream().filter(r -> r.path().startsWith("/work/")).toList();
        assertThat(api).filteredOn(r -> newToken.equals(r.header("X-Auth-Token"))).hasSize(threads)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.at()).isAfterOrEqualTo(save.at().truncatedTo(ChronoUnit.MILLIS));
                });
        assertThat(api).filteredOn(r -> r.status() == 401)
                .allSatisfy(r -> assertThat(r.header("X-Auth-Token")).isEqualTo(oldToken)).hasSizeBetween(1, threads);
    }

    @Test
    void aSingleUseUploadStreamIsNotResentAfterATokenRefresh() {
        client = new ImanageClient(properties.withCustomerId("1"), store, limiter, http, Clock.systemUTC()); // no discovery call first
        im.expireAccessTokens();
        String folder = seed.matters().get(0).clientPortalFolderId();
        byte[] bytes = "once".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> client.uploadDocument(folder, ImanageUploadProfile.of("Once", "txt"),
                new java.io.ByteArrayInputStream(bytes), bytes.length))
                .isInstanceOfSatisfying(VendorIoException.class,
                        e -> assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE));
        assertThat(store.saves()).hasSize(1); // refreshed: the caller's retry will go through
        assertThat(im.uploadCount()).isZero();
        assertThat(client.uploadDocument(folder, ImanageUploadProfile.of("Once", "txt"), UploadContent.of(bytes)).name())
                .isEqualTo("Once");
    }

    @Test
    void revokedGrantRequiresReauthorization() {
        im.revokeAllTokens();
        assertThatThrownBy(() -> client.getDocument(seed.documentIds().get(0)))
                .isInstanceOfSatisfying(ImanageReauthorizationRequiredException.class, e -> {
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.REAUTHORIZATION_REQUIRED);
                    assertThat(e.getMessage()).doesNotContain(store.load().refreshToken());
                });
    }

    @Test
    void a429PausesTheLimiterAndCarriesRetryAfter() {
        im.faults().add(FaultRule.builder(FaultKind.RATE_LIMITED).method("GET").pathRegex("/documents/")
                .retryAfterSeconds(7).times(1).build());
        assertThatThrownBy(() -> client.getDocument(seed.documentIds().get(0)))
                .isInstanceOfSatisfying(VendorHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
                    assertThat(classifier.retryAfter(e)).contains(Duration.ofSeconds(7));
                });
        assertThat(limiter.status().pausedUntil()).isPresent();
    }

    @Test
    void aMalformedBodyIsRetriableAndATimeoutIsAnIoFailure() {
        im.faults().add(FaultRule.of(FaultKind.MALFORMED_BODY, "GET", "/documents/", 1));
        assertThatThrownBy(() -> client.getDocument(seed.documentIds().get(0)))
                .isInstanceOfSatisfying(VendorResponseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorResponseException.Kind.MALFORMED);
                    assertThat(classifier.classify(e)).isEqualTo(ErrorClass.RETRIABLE);
                });
        ImanageClient impatient = new ImanageClient(properties.withRequestTimeout(Duration.ofMillis(300)), store,
                limiter, http, Clock.systemUTC());
        im.faults().add(FaultRule.of(FaultKind.TIMEOUT, "GET", "/folders/", 1));
        assertThatThrownBy(() -> impatient.getFolder(seed.matters().get(0).internalFolderId()))
                .isInstanceOfSatisfying(VendorIoException.class, e -> assertThat(e.isTimeout()).isTrue());
    }
}
