package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.matterhub.connectors.kernel.ByteRange;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.FormEncoding;
import org.matterhub.connectors.kernel.MultipartBody;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed client for the iManage Work API v2, for one connection (one OAuth grant, one library).
 *
 * <p>Every call waits for a permit of the connection's {@link RateLimiter} (at most
 * {@link ImanageProperties#requestTimeout()}, else {@link org.matterhub.connectors.kernel.RateLimitTimeoutException}),
 * sends the access token as {@code X-Auth-Token}, and maps failures to the kernel's exceptions:
 * 404 → {@link ImanageNotFoundException}; 429 → {@link VendorHttpException} with {@code retryAfter} (and the
 * limiter paused until then); other non-2xx → {@link VendorHttpException}; transport failures, including a
 * connection dropped before the response → {@link VendorIoException}; unusable 2xx bodies →
 * {@link VendorResponseException}. The client never retries, except:
 *
 * <p><b>401</b> → one token refresh shared by all threads that see the 401 together ({@link TokenSession});
 * the new tokens are saved through {@link ImanageTokenStore#save} before any request uses them; the call
 * is sent once more. {@code invalid_grant}, no refresh token, or a second 401 →
 * {@link ImanageReauthorizationRequiredException}. Tokens are also refreshed ahead of time when they expire
 * within a minute. An upload whose content cannot be re-read ({@link UploadContent#once}) is not re-sent
 * after a refresh: it fails as a retriable {@link VendorIoException} instead.
 *
 * <p><b>Uploads are not idempotent</b> (iManage has no idempotency key, VENDORS §0.3). When an upload fails
 * without a response ({@link VendorIoException}, including a timeout) or with a 5xx, the document may or may
 * not exist. Before re-uploading, a caller must look for it: {@link #findByName(String, String)} in the
 * destination folder, matching the name the hub chose (ideally one that carries the hub's outbox id, or a
 * profile comment with it) and the size; only when nothing matches is a second upload safe. The same holds
 * for {@link #uploadVersion}: compare {@link #listVersions} with the version count seen before the call.
 *
 * <p>Thread-safe. Tokens and secrets never appear in logs or exception messages.
 */
public final class ImanageClient {

    /** Vendor name in exceptions and metrics. */
    public static final String VENDOR = "imanage";

    private static final Logger log = LoggerFactory.getLogger(ImanageClient.class);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(1);
    private static final Duration DEFAULT_429_PAUSE = Duration.ofSeconds(60);
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final String JSON = "application/json";

    private final ImanageProperties properties;
    private final RateLimiter rateLimiter;
    private final HttpClient http;
    private final ImanageOAuthClient oauth;
    private final Clock clock;

    private final TokenSession<ImanageTokens> session;
    private volatile URI libraryBase;

    public ImanageClient(ImanageProperties properties, ImanageTokenStore tokenStore, RateLimiter rateLimiter,
                         HttpClient http) {
        this(properties, tokenStore, rateLimiter, http, Clock.systemUTC());
    }

    public ImanageClient(ImanageProperties properties, ImanageTokenStore tokenStore, RateLimiter rateLimiter,
                         HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(tokenStore, "tokenStore");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.oauth = new ImanageOAuthClient(properties, http, clock);
        this.session = new TokenSession<>(VENDOR, tokenStore::load, tokenStore::save, oauth::refresh,
                (method, path, code, message) -> new ImanageReauthorizationRequiredException(method, path, 401, code, message),
                clock, REFRESH_AHEAD);
        if (properties.customerId() != null) {
            this.libraryBase = properties.libraryBase(properties.customerId());
        }
    }

    // ---------------------------------------------------------------- discovery

    /** The signed-in user's customer id and libraries. */
    // GET https://{host}/api (IM-FP, IM-SC)
    public ImanageDiscovery discover() {
        URI uri = URI.create(properties.baseUrl() + "/api");
        JsonNode data = ImanageJson.data(json("GET", uri, null), "GET", uri.getPath(), 200, false);
        List<String> libraries = new ArrayList<>();
        for (JsonNode lib : data.path("work").path("libraries")) {
            if (lib.hasNonNull("alias")) {
                libraries.add(lib.get("alias").asText());
            }
        }
        JsonNode user = data.path("user");
        if (!user.hasNonNull("customer_id")) {
            throw new VendorResponseException(VENDOR, "GET", uri.getPath(), 200,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        JsonNode preferred = data.path("work").path("preferred_library");
        return new ImanageDiscovery(user.get("customer_id").asText(), user.path("id").asText(null),
                preferred.isTextual() ? preferred.asText() : null, libraries);
    }

    /** The customer id in use: configured, or discovered on first use. */
    public String customerId() {
        URI base = libraryBase();
        String p = base.getPath();
        String afterCustomers = p.substring(p.indexOf("/customers/") + "/customers/".length());
        return afterCustomers.substring(0, afterCustomers.indexOf('/'));
    }

    // ---------------------------------------------------------------- customs (clients, matters)

    /** Every client ({@code custom1}) value, all pages. */
    // GET …/customs/custom1?limit&offset (IM-MK, IM-SC)
    public List<ImanageCustom> listClients() {
        return listAll("customs/custom1", Map.of(), ImanageCustom.class);
    }

    /** Every matter ({@code custom2}) value under client {@code clientId} (all clients when null). */
    // GET …/customs/custom2?parent_alias&limit&offset (IM-MK)
    public List<ImanageCustom> listMatters(String clientId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("parent_alias", clientId);
        return listAll("customs/custom2", q, ImanageCustom.class);
    }

    // ---------------------------------------------------------------- workspaces and folders

    /** Workspaces tagged with client {@code custom1} and matter {@code custom2} (either may be null). */
    // POST …/workspaces/search (VENDORS §2.2; body shape assumed)
    public List<ImanageWorkspace> searchWorkspaces(String custom1, String custom2) {
        ObjectNode body = ImanageJson.MAPPER.createObjectNode();
        if (custom1 != null) {
            body.put("custom1", custom1);
        }
        if (custom2 != null) {
            body.put("custom2", custom2);
        }
        byte[] bytes = ImanageJson.write(body);
        List<ImanageWorkspace> all = new ArrayList<>();
        int limit = properties.listPageSize();
        for (int offset = 0; ; offset += limit) {
            URI uri = libraryUri("workspaces/search", Map.of("limit", Integer.toString(limit),
                    "offset", Integer.toString(offset)));
            List<ImanageWorkspace> page = list(json("POST", uri, jsonBody(bytes)), "POST", uri, ImanageWorkspace.class);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
        }
    }

    /** The workspace of a client/matter pair, if one exists (the first, should the firm have several). */
    public Optional<ImanageWorkspace> findMatterWorkspace(String clientId, String matterId) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(matterId, "matterId");
        return searchWorkspaces(clientId, matterId).stream()
                .filter(w -> clientId.equalsIgnoreCase(w.custom1()) && matterId.equalsIgnoreCase(w.custom2()))
                .findFirst();
    }

    /** One workspace. @throws ImanageNotFoundException when it does not exist. */
    // GET …/workspaces/{id}
    public ImanageWorkspace getWorkspace(String workspaceId) {
        return one("workspaces/" + seg(workspaceId), ImanageWorkspace.class);
    }

    /** The folders directly in a workspace. */
    // GET …/workspaces/{id}/children
    public List<ImanageFolder> workspaceFolders(String workspaceId) {
        return listAll("workspaces/" + seg(workspaceId) + "/children", Map.of(), ImanageFolder.class);
    }

    /**
     * Creates a folder directly in a workspace and returns it. Not idempotent: iManage allows several folders of one
     * name, so a caller that may retry (a lost response) looks for it in {@link #workspaceFolders} first.
     */
    // POST …/workspaces/{id}/folders {"name","description"} (VENDORS §2.2 ⚠; body assumed)
    public ImanageFolder createFolder(String workspaceId, String name, String description) {
        ObjectNode body = ImanageJson.MAPPER.createObjectNode();
        body.put("name", Objects.requireNonNull(name, "name"));
        if (description != null) {
            body.put("description", description);
        }
        URI uri = libraryUri("workspaces/" + seg(workspaceId) + "/folders", Map.of());
        return ImanageJson.convert(ImanageJson.data(json("POST", uri, jsonBody(ImanageJson.write(body))), "POST",
                uri.getPath(), 201, false), ImanageFolder.class, "POST", uri.getPath(), 201);
    }

    /** One folder. @throws ImanageNotFoundException when it does not exist. */
    // GET …/folders/{id}
    public ImanageFolder getFolder(String folderId) {
        return one("folders/" + seg(folderId), ImanageFolder.class);
    }

    /** The sub-folders of a folder. */
    // GET …/folders/{id}/children
    public List<ImanageFolder> subFolders(String folderId) {
        return listAll("folders/" + seg(folderId) + "/children", Map.of(), ImanageFolder.class);
    }

    /** The latest versions of the documents filed in a folder. */
    // GET …/folders/{id}/documents (assumed)
    public List<ImanageDocument> folderDocuments(String folderId) {
        return listAll("folders/" + seg(folderId) + "/documents", Map.of(), ImanageDocument.class);
    }

    /**
     * The documents in {@code folderId} named exactly {@code name} (iManage names are not unique): the check
     * an idempotent retry of {@link #uploadDocument} makes before uploading again.
     */
    public List<ImanageDocument> findByName(String folderId, String name) {
        Objects.requireNonNull(name, "name");
        return folderDocuments(folderId).stream().filter(d -> name.equals(d.name())).toList();
    }

    // ---------------------------------------------------------------- documents

    /** A document's profile: a version id ({@code LIB!n.v}) or the latest ({@code LIB!n}). */
    // GET …/documents/{id}
    public ImanageDocument getDocument(String documentId) {
        return one("documents/" + seg(documentId), ImanageDocument.class);
    }

    /**
     * Changes profile fields of a document (e.g. {@code comment}, {@code name}, {@code class}) and returns the
     * profile after the change. Setting the same values again changes nothing, so a retry is harmless.
     */
    // PATCH …/documents/{id} {field: value} (assumed; iManage documents profile edits, the body shape is ours)
    public ImanageDocument updateProfile(String documentId, Map<String, String> fields) {
        ObjectNode body = ImanageJson.MAPPER.createObjectNode();
        Objects.requireNonNull(fields, "fields").forEach(body::put);
        URI uri = libraryUri("documents/" + seg(documentId), Map.of());
        return ImanageJson.convert(ImanageJson.data(json("PATCH", uri, jsonBody(ImanageJson.write(body))), "PATCH",
                uri.getPath(), 200, false), ImanageDocument.class, "PATCH", uri.getPath(), 200);
    }

    /** Every version of a document, oldest first. */
    // GET …/documents/{id}/versions (assumed)
    public List<ImanageDocument> listVersions(String documentId) {
        URI uri = libraryUri("documents/" + seg(documentId) + "/versions", Map.of());
        return list(json("GET", uri, null), "GET", uri, ImanageDocument.class);
    }

    /**
     * Streams a version's bytes, or one range of them ({@code range} null = everything). The caller closes
     * the returned download; nothing is buffered.
     *
     * @throws ImanageNotFoundException when the document or version does not exist
     * @throws VendorHttpException      416 when the range starts beyond the end
     */
    // GET …/documents/{id}/download (VENDORS §2.2 ⚠; Range support assumed, RFC 9110)
    public ContentDownload download(String documentId, ByteRange range) {
        URI uri = libraryUri("documents/" + seg(documentId) + "/download", Map.of());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "*/*");
        if (range != null) {
            headers.put(ImanageHeaders.RANGE, range.headerValue());
        }
        HttpResponse<InputStream> r = exchange("GET", uri, null, headers);
        check("GET", uri.getPath(), r);
        try {
            return toDownload(r, range);
        } catch (IOException e) {
            closeQuietly(r.body());
            throw new VendorIoException(VENDOR, "GET", uri.getPath(), false, e);
        }
    }

    /**
     * Uploads a new document into a folder, streaming {@code content}; returns its profile (version 1).
     * Not idempotent: see the class comment before retrying.
     */
    // POST …/folders/{id}/documents multipart: profile (JSON) + file (assumed, simulators/README)
    public ImanageDocument uploadDocument(String folderId, ImanageUploadProfile profile, UploadContent content) {
        Objects.requireNonNull(profile, "profile");
        MultipartBody body = MultipartBody.builder()
                .field("profile", new String(ImanageJson.write(profile), java.nio.charset.StandardCharsets.UTF_8))
                .file("file", profile.fileName(), "application/octet-stream", content)
                .build();
        URI uri = libraryUri("folders/" + seg(folderId) + "/documents", Map.of());
        return ImanageJson.convert(ImanageJson.data(json("POST", uri, multipart(body)), "POST", uri.getPath(), 201,
                false), ImanageDocument.class, "POST", uri.getPath(), 201);
    }

    /** {@link #uploadDocument(String, ImanageUploadProfile, UploadContent)} from a single-use stream. */
    public ImanageDocument uploadDocument(String folderId, ImanageUploadProfile profile, InputStream content,
                                          long length) {
        return uploadDocument(folderId, profile, UploadContent.once(content, length));
    }

    /**
     * Adds a new version to a document, streaming {@code content}; returns the new version's profile.
     * Not idempotent: see the class comment before retrying.
     *
     * @param fileName file name sent with the content (its extension should match the document's)
     * @param comment  version comment, or null
     */
    // POST …/documents/{id}/versions multipart (assumed)
    public ImanageDocument uploadVersion(String documentId, String fileName, String comment, UploadContent content) {
        ObjectNode profile = ImanageJson.MAPPER.createObjectNode();
        if (comment != null) {
            profile.put("comment", comment);
        }
        MultipartBody body = MultipartBody.builder()
                .field("profile", profile.toString())
                .file("file", Objects.requireNonNull(fileName, "fileName"), "application/octet-stream", content)
                .build();
        URI uri = libraryUri("documents/" + seg(documentId) + "/versions", Map.of());
        return ImanageJson.convert(ImanageJson.data(json("POST", uri, multipart(body)), "POST", uri.getPath(), 201,
                false), ImanageDocument.class, "POST", uri.getPath(), 201);
    }

    // ---------------------------------------------------------------- sync crawl

    /**
     * One page of the documents crawl: every document version changed after {@code cursor} (all when null),
     * in change order. Walk pages while {@link ImanageCrawlPage#hasMore()}; persist each page's cursor with
     * the page's changes. A later call with the saved cursor returns only what changed since.
     */
    // POST …/sync/documents/crawl {"limit","cursor"} → {"data","cursor"} (IM-DF)
    public ImanageCrawlPage<ImanageDocument> crawlDocuments(String cursor) {
        return crawl("sync/documents/crawl", cursor, ImanageDocument.class);
    }

    /** One page of the folders crawl; see {@link #crawlDocuments}. */
    // POST …/sync/folders/crawl (IM-DF)
    public ImanageCrawlPage<ImanageFolder> crawlFolders(String cursor) {
        return crawl("sync/folders/crawl", cursor, ImanageFolder.class);
    }

    /** One page of the workspaces crawl; see {@link #crawlDocuments}. */
    // POST …/sync/workspaces/crawl (IM-DF)
    public ImanageCrawlPage<ImanageWorkspace> crawlWorkspaces(String cursor) {
        return crawl("sync/workspaces/crawl", cursor, ImanageWorkspace.class);
    }

    /** One page of the document-parents crawl (where each document is filed); see {@link #crawlDocuments}. */
    // POST …/sync/documents/parents/search (IM-DF)
    public ImanageCrawlPage<ImanageDocumentParent> crawlDocumentParents(String cursor) {
        return crawl("sync/documents/parents/search", cursor, ImanageDocumentParent.class);
    }

    // ---------------------------------------------------------------- internals: resources

    private <T> ImanageCrawlPage<T> crawl(String resource, String cursor, Class<T> type) {
        int limit = properties.crawlPageSize();
        ObjectNode body = ImanageJson.MAPPER.createObjectNode();
        body.put("limit", limit);
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        URI uri = libraryUri(resource, Map.of());
        String path = uri.getPath();
        byte[] response = json("POST", uri, jsonBody(ImanageJson.write(body)));
        JsonNode root = ImanageJson.readTree(response, "POST", path, 200);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new VendorResponseException(VENDOR, "POST", path, 200,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        List<T> rows = new ArrayList<>(data.size());
        for (JsonNode row : data) {
            rows.add(ImanageJson.convert(row, type, "POST", path, 200));
        }
        JsonNode next = root.get("cursor");
        String nextCursor = next != null && next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        boolean hasMore = nextCursor != null && rows.size() >= limit;
        return new ImanageCrawlPage<>(rows, nextCursor != null ? nextCursor : cursor, hasMore);
    }

    private <T> T one(String resource, Class<T> type) {
        URI uri = libraryUri(resource, Map.of());
        return ImanageJson.convert(ImanageJson.data(json("GET", uri, null), "GET", uri.getPath(), 200, false), type,
                "GET", uri.getPath(), 200);
    }

    /** Walks {@code limit}/{@code offset} pages until a short page. */
    private <T> List<T> listAll(String resource, Map<String, String> query, Class<T> type) {
        List<T> all = new ArrayList<>();
        int limit = properties.listPageSize();
        for (int offset = 0; ; offset += limit) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("limit", Integer.toString(limit));
            q.put("offset", Integer.toString(offset));
            URI uri = libraryUri(resource, q);
            List<T> page = list(json("GET", uri, null), "GET", uri, type);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
        }
    }

    private static <T> List<T> list(byte[] body, String method, URI uri, Class<T> type) {
        JsonNode data = ImanageJson.data(body, method, uri.getPath(), 200, true);
        List<T> out = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            out.add(ImanageJson.convert(item, type, method, uri.getPath(), 200));
        }
        return out;
    }

    private URI libraryBase() {
        URI base = libraryBase;
        if (base == null) {
            synchronized (this) {
                if (libraryBase == null) {
                    libraryBase = properties.libraryBase(discover().customerId());
                    log.info("imanage customer id discovered for library {}", properties.library());
                }
                base = libraryBase;
            }
        }
        return base;
    }

    private URI libraryUri(String resource, Map<String, String> query) {
        String q = FormEncoding.form(query);
        return URI.create(libraryBase() + "/" + resource + (q.isEmpty() ? "" : "?" + q));
    }

    private static String seg(String id) {
        return FormEncoding.pathSegment(Objects.requireNonNull(id, "id"));
    }

    private ContentDownload toDownload(HttpResponse<InputStream> r, ByteRange range) throws IOException {
        String contentType = r.headers().firstValue("Content-Type").orElse(null);
        String fileName = ContentDownload.fileNameOf(
                r.headers().firstValue(ImanageHeaders.CONTENT_DISPOSITION).orElse(null));
        OptionalLong length = r.headers().firstValueAsLong("Content-Length");
        if (r.statusCode() == 206) {
            ByteRange.Served served = ByteRange.Served.parse(
                    r.headers().firstValue(ImanageHeaders.CONTENT_RANGE).orElse(null)).orElse(null);
            return new ContentDownload(r.body(), 206, length, contentType, fileName, served);
        }
        if (range == null || r.statusCode() != 200) {
            return new ContentDownload(r.body(), r.statusCode(), length, contentType, fileName, null);
        }
        long limit = range.length().orElse(-1L);
        InputStream sliced = ContentDownload.slice(r.body(), range.first(), limit);
        OptionalLong slicedLength = OptionalLong.empty();
        if (length.isPresent()) {
            long remaining = Math.max(0, length.getAsLong() - range.first());
            slicedLength = OptionalLong.of(limit < 0 ? remaining : Math.min(limit, remaining));
        }
        return new ContentDownload(sliced, 200, slicedLength, contentType, fileName, null);
    }

    // ---------------------------------------------------------------- internals: HTTP

    /** A request body: how to (re)build its publisher and whether it can be sent twice. */
    private record Body(String contentType, Supplier<HttpRequest.BodyPublisher> publisher, boolean replayable) {
    }

    private static Body jsonBody(byte[] bytes) {
        return new Body(JSON, () -> HttpRequest.BodyPublishers.ofByteArray(bytes), true);
    }

    private static Body multipart(MultipartBody body) {
        return new Body(body.contentType(), body::publisher, body.replayable());
    }

    /** Sends, checks the status, returns the whole (JSON) body. */
    private byte[] json(String method, URI uri, Body body) {
        HttpResponse<InputStream> r = exchange(method, uri, body, Map.of());
        check(method, uri.getPath(), r);
        try (InputStream in = r.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VendorIoException(VENDOR, method, uri.getPath(), e instanceof HttpTimeoutException, e);
        }
    }

    private HttpResponse<InputStream> exchange(String method, URI uri, Body body, Map<String, String> headers) {
        String path = uri.getPath();
        ImanageTokens current = session.current(method, path);
        HttpResponse<InputStream> response = send(method, uri, body, headers, current.accessToken());
        if (response.statusCode() == 401) {
            drain(response);
            log.debug("imanage {} {} answered 401; refreshing the access token (single-flight)", method, path);
            ImanageTokens fresh = session.refreshReplacing(current.accessToken(), method, path);
            if (body != null && !body.replayable()) {
                throw new VendorIoException(VENDOR, method, path, false, new IllegalStateException(
                        "the access token was refreshed but the upload stream cannot be sent again"));
            }
            response = send(method, uri, body, headers, fresh.accessToken());
            if (response.statusCode() == 401) {
                String[] error = ImanageJson.errorCodeAndMessage(drain(response));
                throw new ImanageReauthorizationRequiredException(method, path, 401, error[0], error[1]);
            }
        }
        return response;
    }

    private HttpResponse<InputStream> send(String method, URI uri, Body body, Map<String, String> headers,
                                           String accessToken) {
        String path = uri.getPath();
        try {
            rateLimiter.acquire(properties.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header(ImanageHeaders.AUTH_TOKEN, accessToken);
        if (!headers.containsKey("Accept")) {
            b.header("Accept", JSON);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", body.contentType());
            b.method(method, body.publisher().get());
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(VENDOR, method, path, true, e);
        } catch (IOException | UncheckedIOException e) {
            throw new VendorIoException(VENDOR, method, path, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
    }

    private void check(String method, String path, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String[] error = ImanageJson.errorCodeAndMessage(drain(response));
        Instant now = clock.instant();
        Optional<Duration> retryAfter = response.headers().firstValue(ImanageHeaders.RETRY_AFTER)
                .flatMap(v -> RetryAfter.parse(v, now));
        switch (status) {
            case 404 -> throw new ImanageNotFoundException(method, path, error[0], error[1]);
            case 429 -> {
                rateLimiter.pauseUntil(now.plus(retryAfter.orElse(DEFAULT_429_PAUSE)));
                throw new VendorHttpException(VENDOR, method, path, status, retryAfter, error[0], error[1]);
            }
            default -> throw new VendorHttpException(VENDOR, method, path, status, retryAfter, error[0], error[1]);
        }
    }

    /** Reads at most 64 KiB of an error body and closes the stream. */
    private static byte[] drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
