package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.ByteRange;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.FormEncoding;
import org.matterhub.connectors.kernel.JsonResponse;
import org.matterhub.connectors.kernel.MultipartBody;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.RequestBody;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.connectors.kernel.VendorExchange;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorJson;
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
 * the new tokens are saved through {@link TokenStore#save} before any request uses them; the call
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
    static final VendorJson JSON = new VendorJson(VENDOR, "code");

    private final ImanageProperties properties;
    private final VendorExchange<OAuthTokenSet> exchange;
    private volatile URI libraryBase;

    public ImanageClient(ImanageProperties properties, TokenStore<OAuthTokenSet> tokenStore, RateLimiter rateLimiter,
                         HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.exchange = VendorExchange.connection(new ImanageOAuthClient(properties, http, clock), tokenStore,
                        rateLimiter, JSON)
                .tokenHeader(ImanageHeaders.AUTH_TOKEN, "")
                .onStatus(404, ImanageNotFoundException::new)
                .build();
        if (properties.customerId() != null) {
            this.libraryBase = properties.libraryBase(properties.customerId());
        }
    }

    // ---------------------------------------------------------------- discovery

    /** The signed-in user's customer id and libraries. */
    // GET https://{host}/api (IM-FP, IM-SC)
    public ImanageDiscovery discover() {
        URI uri = URI.create(properties.baseUrl() + "/api");
        JsonResponse r = exchange.get(uri);
        JsonNode data = r.tree().get("data");
        if (data == null || !data.isObject()) {
            throw r.unexpectedShape();
        }
        List<String> libraries = new ArrayList<>();
        for (JsonNode lib : data.path("work").path("libraries")) {
            if (lib.hasNonNull("alias")) {
                libraries.add(lib.get("alias").asText());
            }
        }
        JsonNode user = data.path("user");
        if (!user.hasNonNull("customer_id")) {
            throw r.unexpectedShape();
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
        ObjectNode body = JSON.mapper().createObjectNode();
        if (custom1 != null) {
            body.put("custom1", custom1);
        }
        if (custom2 != null) {
            body.put("custom2", custom2);
        }
        return listAll("POST", "workspaces/search", Map.of(), RequestBody.json(JSON.write(body)),
                ImanageWorkspace.class);
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
        ObjectNode body = JSON.mapper().createObjectNode();
        body.put("name", Objects.requireNonNull(name, "name"));
        if (description != null) {
            body.put("description", description);
        }
        return send("POST", "workspaces/" + seg(workspaceId) + "/folders", RequestBody.json(JSON.write(body)),
                ImanageFolder.class);
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
        ObjectNode body = JSON.mapper().createObjectNode();
        Objects.requireNonNull(fields, "fields").forEach(body::put);
        return send("PATCH", "documents/" + seg(documentId), RequestBody.json(JSON.write(body)), ImanageDocument.class);
    }

    /** Every version of a document, oldest first. */
    // GET …/documents/{id}/versions (assumed)
    public List<ImanageDocument> listVersions(String documentId) {
        return exchange.get(libraryUri("documents/" + seg(documentId) + "/versions", Map.of()))
                .list("data", ImanageDocument.class);
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
        return exchange.download(uri, uri.getPath(), range);
    }

    /**
     * Uploads a new document into a folder, streaming {@code content}; returns its profile (version 1).
     * Not idempotent: see the class comment before retrying.
     */
    // POST …/folders/{id}/documents multipart: profile (JSON) + file (assumed, simulators/README)
    public ImanageDocument uploadDocument(String folderId, ImanageUploadProfile profile, UploadContent content) {
        Objects.requireNonNull(profile, "profile");
        MultipartBody body = MultipartBody.builder()
                .field("profile", new String(JSON.write(profile), StandardCharsets.UTF_8))
                .file("file", profile.fileName(), "application/octet-stream", content)
                .build();
        return send("POST", "folders/" + seg(folderId) + "/documents", RequestBody.multipart(body),
                ImanageDocument.class);
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
        ObjectNode profile = JSON.mapper().createObjectNode();
        if (comment != null) {
            profile.put("comment", comment);
        }
        MultipartBody body = MultipartBody.builder()
                .field("profile", profile.toString())
                .file("file", Objects.requireNonNull(fileName, "fileName"), "application/octet-stream", content)
                .build();
        return send("POST", "documents/" + seg(documentId) + "/versions", RequestBody.multipart(body),
                ImanageDocument.class);
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

    // ---------------------------------------------------------------- internals

    private <T> ImanageCrawlPage<T> crawl(String resource, String cursor, Class<T> type) {
        int limit = properties.crawlPageSize();
        ObjectNode body = JSON.mapper().createObjectNode();
        body.put("limit", limit);
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        JsonResponse r = exchange.send("POST", libraryUri(resource, Map.of()), RequestBody.json(JSON.write(body)));
        JsonNode root = r.tree();
        List<T> rows = r.listOf(root.get("data"), type);
        JsonNode next = root.get("cursor");
        String nextCursor = next != null && next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        boolean hasMore = nextCursor != null && rows.size() >= limit;
        return new ImanageCrawlPage<>(rows, nextCursor != null ? nextCursor : cursor, hasMore);
    }

    private <T> T one(String resource, Class<T> type) {
        return exchange.get(libraryUri(resource, Map.of())).member("data", type);
    }

    private <T> T send(String method, String resource, RequestBody body, Class<T> type) {
        return exchange.send(method, libraryUri(resource, Map.of()), body).member("data", type);
    }

    private <T> List<T> listAll(String resource, Map<String, String> query, Class<T> type) {
        return listAll("GET", resource, query, null, type);
    }

    /** Walks {@code limit}/{@code offset} pages until a short page. */
    private <T> List<T> listAll(String method, String resource, Map<String, String> query, RequestBody body,
                                Class<T> type) {
        List<T> all = new ArrayList<>();
        int limit = properties.listPageSize();
        for (int offset = 0; ; offset += limit) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("limit", Integer.toString(limit));
            q.put("offset", Integer.toString(offset));
            List<T> page = exchange.send(method, libraryUri(resource, q), body).list("data", type);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
        }
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
}
