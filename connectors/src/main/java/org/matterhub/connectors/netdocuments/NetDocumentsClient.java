package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * the new tokens are saved through {@link TokenStore#save} before any request uses them; the call
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

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> JSON_CONTENT_TYPE = Map.of(NetDocumentsHeaders.CONTENT_TYPE,
            RequestBody.JSON);
    static final VendorJson JSON = new VendorJson(VENDOR, "code");

    private final NetDocumentsProperties properties;
    private final VendorExchange<OAuthTokenSet> exchange;

    public NetDocumentsClient(NetDocumentsProperties properties, TokenStore<OAuthTokenSet> tokenStore,
                              RateLimiter rateLimiter, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.exchange = VendorExchange.connection(new NetDocumentsOAuthClient(properties, http, clock), tokenStore,
                        rateLimiter, JSON)
                .bearer()
                .onStatus(404, NetDocumentsNotFoundException::new)
                .build();
    }

    // ---------------------------------------------------------------- cabinets and attributes

    /** The cabinets the user can reach. */
    // GET /v1/User/cabinets (ND-PP)
    public List<NetDocumentsCabinet> listCabinets() {
        URI uri = api("/v1/User/cabinets", Map.of());
        return exchange.get(uri).list(NetDocumentsCabinet.class);
    }

    /** The configured cabinet's info (its workspace attribute numbers). */
    // GET /v1/cabinet/{cabinetID}/info (ND-PP)
    public NetDocumentsCabinet cabinetInfo() {
        URI uri = api("/v1/cabinet/" + seg(properties.cabinetId()) + "/info", Map.of());
        return getJson(uri).as(NetDocumentsCabinet.class);
    }

    /** The configured cabinet's custom attributes. */
    // GET /v1/cabinet/{cabinetID}/customAttributes (ND-PP)
    public List<NetDocumentsAttributeDefinition> cabinetCustomAttributes() {
        URI uri = api("/v1/cabinet/" + seg(properties.cabinetId()) + "/customAttributes", Map.of());
        return getJson(uri).list(NetDocumentsAttributeDefinition.class);
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
        return getJson(uri).as(NetDocumentsLookupEntry.class);
    }

    /** One child lookup value (a matter of a client). @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/attributes/{repositoryID}/{childAttributeID}/{parentID}/{childID} (ND-PP)
    public NetDocumentsLookupEntry lookupChildValue(int childAttributeId, String parentKey, String key) {
        URI uri = api("/v1/attributes/" + seg(properties.repositoryId()) + "/" + childAttributeId + "/"
                + seg(parentKey) + "/" + seg(key), Map.of());
        return getJson(uri).as(NetDocumentsLookupEntry.class);
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
        return getJson(uri).as(NetDocumentsItem.class);
    }

    /** A workspace by id. @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/Workspace/{workspaceID}/info (ND-PP)
    public NetDocumentsItem getWorkspace(String workspaceId) {
        URI uri = api("/v1/Workspace/" + seg(workspaceId) + "/info", Map.of());
        return getJson(uri).as(NetDocumentsItem.class);
    }

    /** A folder's profile (its name, parent and workspace). @throws NetDocumentsNotFoundException when absent. */
    // GET /v1/Folder/{id}/info (assumed; ND-PP documents GET /v1/Folder/{id} for contents)
    public NetDocumentsItem folderInfo(String folderId) {
        URI uri = api("/v1/Folder/" + seg(folderId) + "/info", Map.of());
        return getJson(uri).as(NetDocumentsItem.class);
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
        JsonResponse r = getJson(uri);
        JsonNode root = r.tree();
        List<NetDocumentsItem> items = r.listOf(root.get("Results"), NetDocumentsItem.class);
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
        return exchange.send("POST", api("/v1/Folder", Map.of()), RequestBody.multipart(body)).as(NetDocumentsItem.class);
    }

    // ---------------------------------------------------------------- documents

    /** A document's profile. @throws NetDocumentsNotFoundException when deleted or absent. */
    // GET /v1/Document/{id}/info (ND-PP)
    public NetDocumentsItem getDocumentProfile(String documentId) {
        URI uri = api("/v1/Document/" + seg(documentId) + "/info", Map.of());
        return exchange.get(uri).as(NetDocumentsItem.class);
    }

    /**
     * Changes a document's profile: its name (null = unchanged) and custom attribute values (attribute number →
     * value; an empty value clears it). Setting the same values again changes nothing, so a retry is harmless.
     * Returns the profile after the change.
     */
    // PUT /v1/Document/{id}/info {"standardAttributes":{"name"},"customAttributes":[{id,value}]}: RenameBody (ND-PP);
    // customAttributes in the body are an assumption (the connector definition documents only the rename)
    public NetDocumentsItem updateProfile(String documentId, String name, Map<Integer, String> attributes) {
        ObjectNode body = JSON.mapper().createObjectNode();
        if (name != null) {
            body.putObject("standardAttributes").put("name", name);
        }
        if (attributes != null && !attributes.isEmpty()) {
            ArrayNode custom = body.putArray("customAttributes");
            attributes.forEach((id, value) -> custom.addObject().put("id", id).put("value", value == null ? "" : value));
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        URI uri = api("/v1/Document/" + seg(documentId) + "/info", Map.of());
        return exchange.send("PUT", uri, RequestBody.json(bytes)).as(NetDocumentsItem.class);
    }

    /** Every version of a document. */
    // GET /v1/Document/{documentID}/versionList (ND-PP)
    public List<NetDocumentsVersion> listVersions(String documentId) {
        URI uri = api("/v1/Document/" + seg(documentId) + "/versionList", Map.of());
        return exchange.get(uri).list(NetDocumentsVersion.class);
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
        return exchange.download(uri, uri.getPath(), range);
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
            ObjectNode profile = JSON.mapper().createObjectNode();
            ArrayNode custom = profile.putArray("customAttributes");
            attributes.forEach((id, value) -> custom.addObject().put("id", id).put("value", value));
            b.field("profile", profile.toString());
        }
        MultipartBody body = b.field("addToRecent", "false")
                .field("partialProfiling", "true")
                .file("file", fileName, "application/octet-stream", content)
                .build();
        return exchange.send("POST", api("/v1/Document/upload", Map.of()), RequestBody.multipart(body))
                .as(NetDocumentsUploadResult.class);
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
        return exchange.send("PUT", uri, RequestBody.stream("application/octet-stream", content))
                .as(NetDocumentsNewVersion.class);
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
        List<NetDocumentsLogEntry> entries = new ArrayList<>(getJson(uri).list(NetDocumentsLogEntry.class));
        entries.removeIf(e -> e.date() == null || e.date().isBefore(since) || (until != null && !e.date().isBefore(until)));
        entries.sort(Comparator.comparing(NetDocumentsLogEntry::date));
        return entries;
    }

    /** {@link #activity(Instant, Instant)} up to now. */
    public List<NetDocumentsLogEntry> activitySince(Instant since) {
        return activity(since, null);
    }

    // ---------------------------------------------------------------- internals

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
            List<NetDocumentsLookupEntry> rows = getJson(api(path, q)).list("rows", NetDocumentsLookupEntry.class);
            all.addAll(rows);
            if (rows.size() < top) {
                return all;
            }
        }
    }

    /** A GET that the API definition requires to carry {@code Content-Type: application/json}. */
    private JsonResponse getJson(URI uri) {
        return exchange.call("GET", uri, uri.getPath(), null, JSON_CONTENT_TYPE);
    }

    private URI api(String path, Map<String, String> query) {
        String q = FormEncoding.form(query);
        return URI.create(properties.apiBaseUrl() + path + (q.isEmpty() ? "" : "?" + q));
    }

    private static String seg(String id) {
        return FormEncoding.pathSegment(Objects.requireNonNull(id, "id"));
    }
}
