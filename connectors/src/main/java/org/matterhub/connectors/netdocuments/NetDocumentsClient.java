package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Typed client for the NetDocuments REST API ({@code /v1}, {@code /v2}), for one connection (one OAuth grant)
 * and the configured repository and cabinet.
 *
 * <p>Every call waits for a permit of the connection's {@link RateLimiter} (build it with
 * {@link NetDocumentsProperties#newRateLimiter}: 100 calls per 60 s by default), sends
 * {@code Authorization: Bearer}, {@code Accept: application/json} and, where the API definition requires
 * it even on a GET, {@code Content-Type: application/json}; and maps failures to the kernel's exceptions:
 * 404 → {@link NetDocumentsNotFoundException}; 429 → {@link VendorHttpException} with {@code retryAfter}, and
 * the limiter paused until then so no other call of the connection runs into the same wall; other non-2xx →
 * {@link VendorHttpException}; transport failures, including a connection dropped before the response →
 * {@link VendorIoException}; unusable 2xx bodies → {@link VendorResponseException}. The client never retries,
 * except:
 *
 * <p><b>401</b> → one token refresh shared by all threads that see the 401 together ({@link TokenSession});
 * the new tokens are saved through {@link NetDocumentsTokenStore#save} before any request uses them; the call
 * is sent once more. {@code invalid_grant}, no refresh token, or a second 401 →
 * {@link NetDocumentsReauthorizationRequiredException}. An upload whose content cannot be re-read
 * ({@link UploadContent#once}) is not re-sent after the refresh: it fails as a retriable {@link VendorIoException}.
 *
 * <p><b>Uploads and new versions are not idempotent</b> (no idempotency key, VENDORS §0.3). After a failure
 * without a response ({@link VendorIoException}) or a 5xx the document may exist. Before uploading again a
 * caller must check the destination with {@link #findByName(String, String)} (the hub names uploads so that
 * the name identifies the outbox item, and compares size); for a new version, compare
 * {@link #listVersions(String)} with the version count seen before. Only when nothing matches is a second
 * request safe.
 *
 * <p>Thread-safe. Tokens and secrets never appear in logs or exception messages.
 */
public final class NetDocumentsClient {

    /** Vendor name in exceptions and metrics. */
    public static final String VENDOR = "netdocuments";

    /** {@code Logtype} of repository-log requests (required by the API definition: consolidated | admin). */
    public static final String LOG_TYPE = "consolidated";

    private static final Logger log = LoggerFactory.getLogger(NetDocumentsClient.class);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(1);
    private static final Duration DEFAULT_429_PAUSE = Duration.ofSeconds(60);
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final String JSON = "application/json";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final Map<String, String> JSON_CONTENT_TYPE = Map.of(NetDocumentsHeaders.CONTENT_TYPE, JSON);

    private final NetDocumentsProperties properties;
    private final RateLimiter rateLimiter;
    private final HttpClient http;
    private final NetDocumentsOAuthClient oauth;
    private final Clock clock;

    private final TokenSession<NetDocumentsTokens> session;

    public NetDocumentsClient(NetDocumentsProperties properties, NetDocumentsTokenStore tokenStore,
                              RateLimiter rateLimiter, HttpClient http) {
        this(properties, tokenStore, rateLimiter, http, Clock.systemUTC());
    }

    public NetDocumentsClient(NetDocumentsProperties properties, NetDocumentsTokenStore tokenStore,
                              RateLimiter rateLimiter, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(tokenStore, "tokenStore");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.oauth = new NetDocumentsOAuthClient(properties, http, clock);
        this.session = new TokenSession<>(VENDOR, tokenStore::load, tokenStore::save, oauth::refresh,
                (method, path, code, message) -> new NetDocumentsReauthorizationRequiredException(method, path, 401, code, message),
                clock, REFRESH_AHEAD);
    }

    // ---------------------------------------------------------------- cabinets and attributes

    /** The cabinets the user can reach. */
    // GET /v1/User/cabinets (ND-PP)
    public List<NetDocumentsCabinet> listCabinets() {
        URI uri = api("/v1/User/cabinets", Map.of());
        return array(json("GET", uri, null, Map.of()), "GET", uri, NetDocumentsCabinet.class);
    }

    /** The configured cabinet's info (its workspace attribute numbers). */
    // GET /v1/cabinet/{cabinetID}/info (ND-PP)
    public NetDocumentsCabinet cabinetInfo() {
        URI uri = api("/v1/cabinet/" + seg(properties.cabinetId()) + "/info", Map.of());
        return object(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsCabinet.class);
    }

    /** The configured cabinet's custom attributes. */
    // GET /v1/cabinet/{cabinetID}/customAttributes (ND-PP)
    public List<NetDocumentsAttributeDefinition> cabinetCustomAttributes() {
        URI uri = api("/v1/cabinet/" + seg(properties.cabinetId()) + "/customAttributes", Map.of());
        return array(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsAttributeDefinition.class);
    }

    /**
     * Which attribute numbers carry client and matter: the cabinet's {@code wsOrgAttrNum}/{@code wsAttrNum},
     * or, when the cabinet info lacks them, the custom attribute flagged as the workspace attribute and its
     * parent.
     */
    public NetDocumentsWorkspaceAttributes workspaceAttributes() {
        NetDocumentsCabinet cabinet = cabinetInfo();
        if (cabinet.wsAttrNum() != null && cabinet.wsOrgAttrNum() != null && cabinet.wsAttrNum() > 0
                && cabinet.wsOrgAttrNum() > 0) {
            return new NetDocumentsWorkspaceAttributes(cabinet.wsOrgAttrNum(), cabinet.wsAttrNum());
        }
        for (NetDocumentsAttributeDefinition a : cabinetCustomAttributes()) {
            if (Boolean.TRUE.equals(a.isWorkspaceAttribute()) && a.parentId() != null && a.parentId() > 0) {
                return new NetDocumentsWorkspaceAttributes(a.parentId(), a.id());
            }
        }
        throw new VendorResponseException(VENDOR, "GET", "/v1/cabinet/{id}/customAttributes", 200,
                VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
    }

    // ---------------------------------------------------------------- lookup tables

    /** Every value of a top-level lookup table (e.g. the clients), all pages, in key order. */
    // GET /v1/attributes/{repositoryID}/{attributeID}?$orderby=key&$top&$skip (ND-PP)
    public List<NetDocumentsLookupEntry> lookupValues(int attributeId) {
        return lookupPages("/v1/attributes/" + seg(properties.repositoryId()) + "/" + attributeId, true);
    }

    /** Every child value under {@code parentKey} (e.g. a client's matters), all pages. */
    // GET /v1/attributes/{repositoryID}/{childAttributeID}/{parentID}?$top&$skip (ND-PP)
    public List<NetDocumentsLookupEntry> lookupChildValues(int childAttributeId, String parentKey) {
        return lookupPages("/v1/attributes/" + seg(properties.repositoryId()) + "/" + childAttributeId + "/"
                + seg(parentKey), false);
    }

    /** One top-level lookup value. @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/attributes/{repositoryID}/{attributeID}/{value} (ND-PP)
    public NetDocumentsLookupEntry lookupValue(int attributeId, String key) {
        URI uri = api("/v1/attributes/" + seg(properties.repositoryId()) + "/" + attributeId + "/" + seg(key), Map.of());
        return object(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsLookupEntry.class);
    }

    /** One child lookup value (a matter of a client). @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/attributes/{repositoryID}/{childAttributeID}/{parentID}/{childID} (ND-PP)
    public NetDocumentsLookupEntry lookupChildValue(int childAttributeId, String parentKey, String key) {
        URI uri = api("/v1/attributes/" + seg(properties.repositoryId()) + "/" + childAttributeId + "/"
                + seg(parentKey) + "/" + seg(key), Map.of());
        return object(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsLookupEntry.class);
    }

    // ---------------------------------------------------------------- workspaces and containers

    /**
     * The workspace of a client/matter pair, created by NetDocuments if it does not exist yet (both lookup
     * values must exist). Idempotent by design of the endpoint.
     */
    // GET /v1/Workspace/{cabinetID}/{clientValue}/{matterValue}/info (ND-PP: gets or creates)
    public NetDocumentsItem workspace(String clientKey, String matterKey) {
        URI uri = api("/v1/Workspace/" + seg(properties.cabinetId()) + "/" + seg(clientKey) + "/" + seg(matterKey)
                + "/info", Map.of());
        return object(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsItem.class);
    }

    /** A workspace by id. @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/Workspace/{workspaceID}/info (ND-PP)
    public NetDocumentsItem getWorkspace(String workspaceId) {
        URI uri = api("/v1/Workspace/" + seg(workspaceId) + "/info", Map.of());
        return object(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsItem.class);
    }

    /** A folder's profile (its name, parent and workspace). @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/Folder/{id}/info (assumed; ND-PP documents GET /v1/Folder/{id} for contents)
    public NetDocumentsItem folderInfo(String folderId) {
        URI uri = api("/v1/Folder/" + seg(folderId) + "/info", Map.of());
        return object(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri, NetDocumentsItem.class);
    }

    /**
     * One page of the items directly in a workspace or folder (sub-folders and documents) with standard and
     * custom attributes, {@link NetDocumentsProperties#pageSize()} per page.
     *
     * @param skipToken null for the first page, else the previous page's {@link NetDocumentsPage#skipToken()}
     */
    // GET /v2/container/{containerID}?select&top&skiptoken (ND-PP; top ≤ 500)
    public NetDocumentsPage<NetDocumentsItem> listContainer(String containerId, String skipToken) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("select", "standardAttributes,customAttributes");
        q.put("top", Integer.toString(properties.pageSize()));
        q.put("skiptoken", skipToken);
        URI uri = api("/v2/container/" + seg(containerId), q);
        JsonNode root = NetDocumentsJson.readTree(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri.getPath(), 200);
        JsonNode results = root.get("Results");
        if (results == null || !results.isArray()) {
            throw new VendorResponseException(VENDOR, "GET", uri.getPath(), 200,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        List<NetDocumentsItem> items = new ArrayList<>(results.size());
        for (JsonNode r : results) {
            items.add(NetDocumentsJson.convert(r, NetDocumentsItem.class, "GET", uri.getPath(), 200));
        }
        JsonNode token = root.get("SkipToken");
        JsonNode total = root.get("TotalFound");
        return new NetDocumentsPage<>(items, token != null && token.isTextual() && !token.asText().isEmpty()
                ? token.asText() : null, total != null && total.canConvertToInt() ? total.asInt() : null);
    }

    /** Every item directly in a container (walks all pages). */
    public List<NetDocumentsItem> listContainerAll(String containerId) {
        List<NetDocumentsItem> all = new ArrayList<>();
        String token = null;
        do {
            NetDocumentsPage<NetDocumentsItem> page = listContainer(containerId, token);
            all.addAll(page.items());
            token = page.skipToken();
        } while (token != null);
        return all;
    }

    /**
     * The documents directly in {@code containerId} named exactly {@code name}: the check an idempotent
     * retry of {@link #upload} makes before uploading again.
     */
    public List<NetDocumentsItem> findByName(String containerId, String name) {
        Objects.requireNonNull(name, "name");
        return listContainerAll(containerId).stream().filter(NetDocumentsItem::isDocument)
                .filter(i -> name.equals(i.name())).toList();
    }

    /**
     * Creates a folder in a workspace or folder and returns it (its {@code standardAttributes.id} and {@code name}).
     * Not idempotent: NetDocuments allows several folders of one name. A caller that may retry (a lost response)
     * looks for the folder by name in {@link #listContainerAll} first.
     */
    // POST /v1/Folder formData: name, sanitizeName, parent (ND-PP)
    public NetDocumentsItem createFolder(String parentId, String name) {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(name, "name");
        MultipartBody body = MultipartBody.builder().field("name", name).field("sanitizeName", "true")
                .field("parent", parentId).build();
        URI uri = api("/v1/Folder", Map.of());
        return object(json("POST", uri, new Body(body.contentType(), body::publisher, body.replayable()), Map.of()),
                "POST", uri, NetDocumentsItem.class);
    }

    // ---------------------------------------------------------------- documents

    /** A document's profile. @throws NetDocumentsNotFoundException when deleted or absent. */
    // GET /v1/Document/{id}/info (ND-PP)
    public NetDocumentsItem getDocumentProfile(String documentId) {
        URI uri = api("/v1/Document/" + seg(documentId) + "/info", Map.of());
        return object(json("GET", uri, null, Map.of()), "GET", uri, NetDocumentsItem.class);
    }

    /**
     * Changes a document's profile: its name (null = unchanged) and custom attribute values (attribute number →
     * value; an empty value clears it). Setting the same values again changes nothing, so a retry is harmless.
     * Returns the profile after the change.
     */
    // PUT /v1/Document/{id}/info {"standardAttributes":{"name"},"customAttributes":[{id,value}]}: RenameBody (ND-PP);
    // customAttributes in the body are an assumption (the connector definition documents only the rename)
    public NetDocumentsItem updateProfile(String documentId, String name, Map<Integer, String> attributes) {
        ObjectNode body = NetDocumentsJson.MAPPER.createObjectNode();
        if (name != null) {
            body.putObject("standardAttributes").put("name", name);
        }
        if (attributes != null && !attributes.isEmpty()) {
            ArrayNode custom = body.putArray("customAttributes");
            attributes.forEach((id, value) -> custom.addObject().put("id", id).put("value", value == null ? "" : value));
        }
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        URI uri = api("/v1/Document/" + seg(documentId) + "/info", Map.of());
        return object(json("PUT", uri, new Body(JSON, () -> HttpRequest.BodyPublishers.ofByteArray(bytes), true), Map.of()),
                "PUT", uri, NetDocumentsItem.class);
    }

    /** Every version of a document. */
    // GET /v1/Document/{documentID}/versionList (ND-PP)
    public List<NetDocumentsVersion> listVersions(String documentId) {
        URI uri = api("/v1/Document/" + seg(documentId) + "/versionList", Map.of());
        return array(json("GET", uri, null, Map.of()), "GET", uri, NetDocumentsVersion.class);
    }

    /**
     * Streams the official version's bytes ({@code version} null) or one version's, optionally one range of
     * them. The caller closes the returned download; nothing is buffered.
     *
     * @throws NetDocumentsNotFoundException when the document or version does not exist
     * @throws VendorHttpException           416 when the range starts beyond the end
     */
    // GET /v1/Document/{id} (ND-PP) or /v1/Document/{id}/{version} (assumed); Range per RFC 9110 (assumed)
    public ContentDownload download(String documentId, Integer version, ByteRange range) {
        URI uri = api("/v1/Document/" + seg(documentId) + (version == null ? "" : "/" + version), Map.of());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(NetDocumentsHeaders.ACCEPT, "*/*");
        if (range != null) {
            headers.put(NetDocumentsHeaders.RANGE, range.headerValue());
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
     * Uploads a new document into a folder or workspace, streaming the file in a multipart body built without
     * buffering it. Not idempotent: see the class comment before retrying.
     *
     * @param destination the folder or workspace id
     * @param fileName    name and extension, e.g. {@code Engagement letter.pdf}
     * @param attributes  custom attribute values to set (attribute number → value); may be empty: documents
     *                    filed in a workspace inherit its client and matter
     */
    // POST /v1/Document/upload multipart: destination, profile, addToRecent, partialProfiling, file (ND-PP)
    public NetDocumentsUploadResult upload(String destination, String fileName, Map<Integer, String> attributes,
                                           UploadContent content) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(fileName, "fileName");
        MultipartBody.Builder b = MultipartBody.builder().field("destination", destination);
        if (attributes != null && !attributes.isEmpty()) {
            ObjectNode profile = NetDocumentsJson.MAPPER.createObjectNode();
            ArrayNode custom = profile.putArray("customAttributes");
            attributes.forEach((id, value) -> custom.addObject().put("id", id).put("value", value));
            b.field("profile", profile.toString());
        }
        MultipartBody body = b.field("addToRecent", "false")
                .field("partialProfiling", "true")
                .file("file", fileName, "application/octet-stream", content)
                .build();
        URI uri = api("/v1/Document/upload", Map.of());
        return object(json("POST", uri, new Body(body.contentType(), body::publisher, body.replayable()), Map.of()),
                "POST", uri, NetDocumentsUploadResult.class);
    }

    /** {@link #upload(String, String, Map, UploadContent)} from a single-use stream of known length. */
    public NetDocumentsUploadResult upload(String destination, String fileName, Map<Integer, String> attributes,
                                           InputStream content, long length) {
        return upload(destination, fileName, attributes, UploadContent.once(content, length));
    }

    /**
     * Adds a new official version, streaming {@code content} as the raw request body. Not idempotent: see the
     * class comment before retrying.
     *
     * @param extension   the new version's extension, or null to keep the document's
     * @param description version description, or null
     */
    // PUT /v1/Document/{id}/new?extension&version_description&official (ND-PP), body = bytes
    public NetDocumentsNewVersion newVersion(String documentId, String extension, String description,
                                             UploadContent content) {
        Objects.requireNonNull(content, "content");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("extension", extension);
        q.put("version_description", description);
        q.put("official", "true");
        URI uri = api("/v1/Document/" + seg(documentId) + "/new", q);
        Supplier<HttpRequest.BodyPublisher> publisher = () -> HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return content.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), content.length());
        return object(json("PUT", uri, new Body("application/octet-stream", publisher, content.replayable()), Map.of()),
                "PUT", uri, NetDocumentsNewVersion.class);
    }

    // ---------------------------------------------------------------- activity log

    /**
     * The repository's activity in {@code [since, until)} (until null = now), oldest first: creations, new
     * versions, profile edits and deletions of documents, folders and workspaces. This is the incremental
     * change and deletion feed: keep the last entry's {@link NetDocumentsLogEntry#date()} as the cursor and
     * pass it as the next {@code since}; entries at exactly that instant come again and must be applied
     * idempotently (as every sync write is). The API takes whole seconds, so the request window is widened to
     * whole seconds and the entries outside {@code [since, until)} are dropped here. Needs a token of a
     * repository administrator.
     */
    // GET /v1/Repository/{repositoryID}/log?start&end&format=json&Logtype (ND-PP; default window 30 days)
    public List<NetDocumentsLogEntry> activity(Instant since, Instant until) {
        Objects.requireNonNull(since, "since");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("start", LOG_TIME.format(since.truncatedTo(ChronoUnit.SECONDS)));
        if (until != null) {
            Instant end = until.truncatedTo(ChronoUnit.SECONDS);
            q.put("end", LOG_TIME.format(end.equals(until) ? end : end.plusSeconds(1)));
        }
        q.put("format", "json");
        q.put("Logtype", LOG_TYPE);
        URI uri = api("/v1/Repository/" + seg(properties.repositoryId()) + "/log", q);
        List<NetDocumentsLogEntry> entries = new ArrayList<>(array(json("GET", uri, null, JSON_CONTENT_TYPE), "GET",
                uri, NetDocumentsLogEntry.class));
        entries.removeIf(e -> e.date() == null || e.date().isBefore(since) || (until != null && !e.date().isBefore(until)));
        entries.sort(Comparator.comparing(NetDocumentsLogEntry::date));
        return entries;
    }

    /** {@link #activity(Instant, Instant)} up to now. */
    public List<NetDocumentsLogEntry> activitySince(Instant since) {
        return activity(since, null);
    }

    // ---------------------------------------------------------------- internals: resources

    private List<NetDocumentsLookupEntry> lookupPages(String path, boolean orderByKey) {
        List<NetDocumentsLookupEntry> all = new ArrayList<>();
        int top = properties.pageSize();
        for (int skip = 0; ; skip += top) {
            Map<String, String> q = new LinkedHashMap<>();
            if (orderByKey) {
                q.put("$orderby", "key");
            }
            q.put("$top", Integer.toString(top));
            q.put("$skip", Integer.toString(skip));
            URI uri = api(path, q);
            JsonNode rows = NetDocumentsJson.readTree(json("GET", uri, null, JSON_CONTENT_TYPE), "GET", uri.getPath(), 200)
                    .get("rows");
            if (rows == null || !rows.isArray()) {
                throw new VendorResponseException(VENDOR, "GET", uri.getPath(), 200,
                        VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
            }
            for (JsonNode row : rows) {
                all.add(NetDocumentsJson.convert(row, NetDocumentsLookupEntry.class, "GET", uri.getPath(), 200));
            }
            if (rows.size() < top) {
                return all;
            }
        }
    }

    private static <T> T object(byte[] body, String method, URI uri, Class<T> type) {
        return NetDocumentsJson.convert(NetDocumentsJson.readTree(body, method, uri.getPath(), 200), type, method,
                uri.getPath(), 200);
    }

    private static <T> List<T> array(byte[] body, String method, URI uri, Class<T> type) {
        JsonNode node = NetDocumentsJson.readTree(body, method, uri.getPath(), 200);
        if (!node.isArray()) {
            throw new VendorResponseException(VENDOR, method, uri.getPath(), 200,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        List<T> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            out.add(NetDocumentsJson.convert(item, type, method, uri.getPath(), 200));
        }
        return out;
    }

    private URI api(String path, Map<String, String> query) {
        String q = FormEncoding.form(query);
        return URI.create(properties.apiBaseUrl() + path + (q.isEmpty() ? "" : "?" + q));
    }

    private static String seg(String id) {
        return FormEncoding.pathSegment(Objects.requireNonNull(id, "id"));
    }

    private ContentDownload toDownload(HttpResponse<InputStream> r, ByteRange range) throws IOException {
        String contentType = r.headers().firstValue("Content-Type").orElse(null);
        String fileName = ContentDownload.fileNameOf(
                r.headers().firstValue(NetDocumentsHeaders.CONTENT_DISPOSITION).orElse(null));
        OptionalLong length = r.headers().firstValueAsLong("Content-Length");
        if (r.statusCode() == 206) {
            ByteRange.Served served = ByteRange.Served.parse(
                    r.headers().firstValue(NetDocumentsHeaders.CONTENT_RANGE).orElse(null)).orElse(null);
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

    /** Sends, checks the status, returns the whole (JSON) body. */
    private byte[] json(String method, URI uri, Body body, Map<String, String> headers) {
        HttpResponse<InputStream> r = exchange(method, uri, body, headers);
        check(method, uri.getPath(), r);
        try (InputStream in = r.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VendorIoException(VENDOR, method, uri.getPath(), e instanceof HttpTimeoutException, e);
        }
    }

    private HttpResponse<InputStream> exchange(String method, URI uri, Body body, Map<String, String> headers) {
        String path = uri.getPath();
        NetDocumentsTokens current = session.current(method, path);
        HttpResponse<InputStream> response = send(method, uri, body, headers, current.accessToken());
        if (response.statusCode() == 401) {
            drain(response);
            log.debug("netdocuments {} {} answered 401; refreshing the access token (single-flight)", method, path);
            NetDocumentsTokens fresh = session.refreshReplacing(current.accessToken(), method, path);
            if (body != null && !body.replayable()) {
                throw new VendorIoException(VENDOR, method, path, false, new IllegalStateException(
                        "the access token was refreshed but the upload stream cannot be sent again"));
            }
            response = send(method, uri, body, headers, fresh.accessToken());
            if (response.statusCode() == 401) {
                String[] error = NetDocumentsJson.errorCodeAndMessage(drain(response));
                throw new NetDocumentsReauthorizationRequiredException(method, path, 401, error[0], error[1]);
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
                .header(NetDocumentsHeaders.AUTHORIZATION, "Bearer " + accessToken);
        if (!headers.containsKey(NetDocumentsHeaders.ACCEPT)) {
            b.header(NetDocumentsHeaders.ACCEPT, JSON);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header(NetDocumentsHeaders.CONTENT_TYPE, body.contentType());
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
        String[] error = NetDocumentsJson.errorCodeAndMessage(drain(response));
        Instant now = clock.instant();
        Optional<Duration> retryAfter = response.headers().firstValue(NetDocumentsHeaders.RETRY_AFTER)
                .flatMap(v -> RetryAfter.parse(v, now));
        switch (status) {
            case 404 -> throw new NetDocumentsNotFoundException(method, path, error[0], error[1]);
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
