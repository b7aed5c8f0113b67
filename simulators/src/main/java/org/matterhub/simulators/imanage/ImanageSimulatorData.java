package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SampleFiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated library: clients ({@code custom1}), matters ({@code custom2} with a parent custom1),
 * workspaces, folders and documents with versions. Public methods act "as a firm user would in iManage
 * Work" (no request is recorded, upload counters do not move); every change takes a fresh, strictly
 * increasing {@code edit_date}, which is the order the sync crawl API returns changes in. Thread-safe
 * (one lock for the library).
 *
 * <p>Ids follow the examples in the iManage connector definition (IM-PP): documents
 * {@code LIB!docnum.version} ({@code ACTIVE_US!453.1}), workspaces and folders {@code LIB!number}.
 * Workspaces and folders share one number series, documents another.
 */
public final class ImanageSimulatorData implements DocumentControl {

    /** Profile fields {@link #updateProfile} can change. */
    public static final Set<String> EDITABLE_FIELDS = Set.of("name", "custom1", "custom2", "class", "author",
            "comment");
    /** Name of the folder the hub publishes to and reads from, created in every matter workspace. */
    public static final String CLIENT_PORTAL_FOLDER = "Client Portal";
    public static final String INTERNAL_FOLDER = "Internal";

    private final Object lock = new Object();
    private final MonotonicClock clock;
    private final String library;
    private final Supplier<String> baseUrl;
    private final TreeMap<String, Custom> clients = new TreeMap<>();
    private final TreeMap<String, Custom> matters = new TreeMap<>();
    private final TreeMap<Long, Container> containers = new TreeMap<>();
    private final TreeMap<Long, Doc> documents = new TreeMap<>();
    private final List<Tombstone> tombstones = new ArrayList<>();
    private final Map<Long, Integer> apiUploadsByFolder = new HashMap<>();
    private final Map<Long, Integer> apiVersionsByDocument = new HashMap<>();
    private long nextContainer = 4001;
    private long nextDocument = 10001;

    ImanageSimulatorData(MonotonicClock clock, String library, Supplier<String> baseUrl) {
        this.clock = clock;
        this.library = library;
        this.baseUrl = baseUrl;
    }

    /** The library (database) alias, e.g. {@code ACTIVE_US}. */
    public String library() {
        return library;
    }

    // ------------------------------------------------------------------ firm-user operations

    /** Adds (or re-describes) a client in the custom1 list. */
    public void createClient(String clientId, String description) {
        requireText(clientId, "clientId");
        synchronized (lock) {
            clients.put(clientId, new Custom(clientId, description, null));
        }
    }

    /** Adds (or re-describes) a matter in the custom2 list under client {@code clientId}. */
    public void createMatter(String clientId, String matterId, String description) {
        requireText(matterId, "matterId");
        synchronized (lock) {
            requireClient(clientId);
            matters.put(matterKey(clientId, matterId), new Custom(matterId, description, clientId));
        }
    }

    /** Creates a workspace tagged with an existing client/matter pair; returns its id. */
    public String createWorkspace(String name, String clientId, String matterId) {
        requireText(name, "name");
        synchronized (lock) {
            requireClient(clientId);
            if (!matters.containsKey(matterKey(clientId, matterId))) {
                throw new IllegalArgumentException("no matter " + clientId + "/" + matterId);
            }
            Container w = new Container(nextContainer++, true, name, clock.next());
            w.custom1 = clientId;
            w.custom2 = matterId;
            w.workspace = w.number;
            w.owner = "FIRMADMIN";
            containers.put(w.number, w);
            return id(w.number);
        }
    }

    /** Creates a folder in a workspace or folder; returns its id. */
    public String createFolder(String parentId, String name) {
        synchronized (lock) {
            return id(newFolder(requireContainer(parseContainer(parentId)), name, null, "FIRMADMIN").number);
        }
    }

    /**
     * The usual matter set-up: client and matter in the custom lists (added if missing), a workspace
     * named {@code "<client>-<matter> <description>"} and its "Client Portal" and "Internal" folders.
     */
    public MatterWorkspace createMatterWorkspace(String clientId, String clientName, String matterId,
                                                 String description) {
        synchronized (lock) {
            if (!clients.containsKey(clientId)) {
                createClient(clientId, clientName);
            }
            if (!matters.containsKey(matterKey(clientId, matterId))) {
                createMatter(clientId, matterId, description);
            }
            String ws = createWorkspace(clientId + "-" + matterId + " " + description, clientId, matterId);
            String portal = createFolder(ws, CLIENT_PORTAL_FOLDER);
            String internal = createFolder(ws, INTERNAL_FOLDER);
            return new MatterWorkspace(ws, portal, internal);
        }
    }

    /** Puts a new document (version 1) into a folder, authored by {@code FIRMUSER}; returns its id. */
    public String putDocument(String folderId, String name, String extension, byte[] content) {
        return putDocument(folderId, name, extension, content, "FIRMUSER");
    }

    /** Puts a new document (version 1) into a folder; returns its id ({@code LIB!docnum.1}). */
    public String putDocument(String folderId, String name, String extension, byte[] content, String author) {
        synchronized (lock) {
            Container folder = requireContainer(parseContainer(folderId));
            Doc d = newDocument(folder, name, extension, author, "DOC", null);
            Version v = d.addVersion(content, author, clock.next());
            return id(d.number, v.number);
        }
    }

    /** Adds a version with new content; returns the new version's id. */
    @Override
    public String appendVersion(String documentId, byte[] content) {
        return addVersion(documentId, content);
    }

    public String addVersion(String documentId, byte[] content) {
        synchronized (lock) {
            Doc d = requireDocument(parseDocument(documentId).number);
            Version v = d.addVersion(content, "FIRMUSER", clock.next());
            return id(d.number, v.number);
        }
    }

    /**
     * Changes one profile field of a document ({@link #EDITABLE_FIELDS}); the latest version's
     * {@code edit_date} and {@code edit_profile_date} move, so the next incremental crawl returns it.
     */
    public void updateProfile(String documentId, String field, String value) {
        synchronized (lock) {
            Doc d = requireDocument(parseDocument(documentId).number);
            applyProfile(d, Map.of(field, value == null ? "" : value));
        }
    }

    /**
     * Files an existing document in another folder too (iManage documents may live in several folders); the
     * document-parents crawl reports the new placement.
     */
    public void fileDocument(String documentId, String folderId) {
        synchronized (lock) {
            Doc d = requireDocument(parseDocument(documentId).number);
            Container folder = requireContainer(parseContainer(folderId));
            if (d.folders.add(folder.number)) {
                d.filedAt.put(folder.number, clock.next());
            }
        }
    }

    /** Deletes a document with all its versions (a tombstone is kept for crawls that show deletions). */
    public void deleteDocument(String documentId) {
        synchronized (lock) {
            Doc d = requireDocument(parseDocument(documentId).number);
            Instant now = clock.next();
            documents.remove(d.number);
            for (Version v : d.versions) {
                tombstones.add(new Tombstone(d.number, v.number, now));
            }
        }
    }

    // ------------------------------------------------------------------ inspection (tests, exactly-once checks)

    /** The profile of a document version ({@code LIB!n.v}) or of the latest version ({@code LIB!n}). */
    public Map<String, Object> documentProfile(String documentId) {
        synchronized (lock) {
            DocRef ref = parseDocument(documentId);
            Doc d = requireDocument(ref.number);
            return renderDocument(d, d.version(ref.version));
        }
    }

    /** Stored bytes of a document version (latest when the id has no version). */
    public byte[] content(String documentId) {
        synchronized (lock) {
            DocRef ref = parseDocument(documentId);
            return requireDocument(ref.number).version(ref.version).content.clone();
        }
    }

    /** Ids of the latest versions of the documents filed in a folder, oldest first. */
    public List<String> documentIds(String folderId) {
        synchronized (lock) {
            long folder = parseContainer(folderId);
            requireContainer(folder);
            List<String> out = new ArrayList<>();
            for (Doc d : documents.values()) {
                if (d.folders.contains(folder)) {
                    out.add(id(d.number, d.latest().number));
                }
            }
            return out;
        }
    }

    /** Ids of documents in a folder whose name equals {@code name}. */
    public List<String> documentIdsNamed(String folderId, String name) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (String id : documentIds(folderId)) {
                if (name.equals(documents.get(parseDocument(id).number).name)) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    /** Number of versions of a document. */
    public int versionCount(String documentId) {
        synchronized (lock) {
            return requireDocument(parseDocument(documentId).number).versions.size();
        }
    }

    /** Documents created through the API upload endpoint, in all folders. */
    public int uploadCount() {
        synchronized (lock) {
            return apiUploadsByFolder.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Documents created through the API upload endpoint in one folder. */
    public int uploadCount(String folderId) {
        synchronized (lock) {
            return apiUploadsByFolder.getOrDefault(parseContainer(folderId), 0);
        }
    }

    /** Versions added through the API to one document. */
    public int versionUploadCount(String documentId) {
        synchronized (lock) {
            return apiVersionsByDocument.getOrDefault(parseDocument(documentId).number, 0);
        }
    }

    /** Ids of every workspace, oldest first. */
    public List<String> workspaceIds() {
        synchronized (lock) {
            return containers.values().stream().filter(c -> c.isWorkspace).map(c -> id(c.number)).toList();
        }
    }

    /** The workspace for a client/matter pair, or {@code null}. */
    public String workspaceId(String clientId, String matterId) {
        synchronized (lock) {
            for (Container c : containers.values()) {
                if (c.isWorkspace && clientId.equals(c.custom1) && matterId.equals(c.custom2)) {
                    return id(c.number);
                }
            }
            return null;
        }
    }

    /** The id of the sub-folder of {@code parentId} named {@code name}, or {@code null}. */
    public String folderId(String parentId, String name) {
        synchronized (lock) {
            long parent = parseContainer(parentId);
            for (Container c : containers.values()) {
                if (!c.isWorkspace && c.parent == parent && c.name.equals(name)) {
                    return id(c.number);
                }
            }
            return null;
        }
    }

    // ------------------------------------------------------------------ API operations (package-private)

    List<Map<String, Object>> clients() {
        synchronized (lock) {
            return clients.values().stream().map(this::renderCustom).toList();
        }
    }

    Map<String, Object> client(String id) {
        synchronized (lock) {
            Custom c = clients.get(id);
            if (c == null) {
                throw ImanageApiException.notFound("custom1 " + id);
            }
            return renderCustom(c);
        }
    }

    List<Map<String, Object>> matters(String parent) {
        synchronized (lock) {
            return matters.values().stream().filter(m -> parent == null || parent.equals(m.parent))
                    .map(this::renderCustom).toList();
        }
    }

    Map<String, Object> matter(String parent, String id) {
        synchronized (lock) {
            if (parent == null) {
                List<Custom> found = matters.values().stream().filter(m -> m.id.equals(id)).toList();
                if (found.size() > 1) {
                    throw ImanageApiException.badRequest("custom2 " + id + " exists under several custom1 values; "
                            + "pass parent_alias");
                }
                if (found.isEmpty()) {
                    throw ImanageApiException.notFound("custom2 " + id);
                }
                return renderCustom(found.get(0));
            }
            Custom c = matters.get(matterKey(parent, id));
            if (c == null) {
                throw ImanageApiException.notFound("custom2 " + parent + "/" + id);
            }
            return renderCustom(c);
        }
    }

    Map<String, Object> workspace(String id) {
        synchronized (lock) {
            Container c = requireContainerApi(id);
            if (!c.isWorkspace) {
                throw ImanageApiException.notFound("workspace " + id);
            }
            return renderWorkspace(c);
        }
    }

    List<Map<String, Object>> searchWorkspaces(String custom1, String custom2, String name) {
        synchronized (lock) {
            return containers.values().stream()
                    .filter(c -> c.isWorkspace)
                    .filter(c -> custom1 == null || custom1.equalsIgnoreCase(c.custom1))
                    .filter(c -> custom2 == null || custom2.equalsIgnoreCase(c.custom2))
                    .filter(c -> name == null || c.name.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                    .map(this::renderWorkspace).toList();
        }
    }

    Map<String, Object> folder(String id) {
        synchronized (lock) {
            Container c = requireContainerApi(id);
            if (c.isWorkspace) {
                throw ImanageApiException.notFound("folder " + id);
            }
            return renderFolder(c);
        }
    }

    /** Sub-folders of a workspace or folder. */
    List<Map<String, Object>> children(String containerId, boolean mustBeWorkspace) {
        synchronized (lock) {
            Container parent = requireContainerApi(containerId);
            if (parent.isWorkspace != mustBeWorkspace) {
                throw ImanageApiException.notFound((mustBeWorkspace ? "workspace " : "folder ") + containerId);
            }
            return containers.values().stream().filter(c -> !c.isWorkspace && c.parent == parent.number)
                    .map(this::renderFolder).toList();
        }
    }

    /** Latest versions of the documents filed in a folder. */
    List<Map<String, Object>> folderDocuments(String folderId) {
        synchronized (lock) {
            Container folder = requireContainerApi(folderId);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Doc d : documents.values()) {
                if (d.folders.contains(folder.number)) {
                    out.add(renderDocument(d, d.latest()));
                }
            }
            return out;
        }
    }

    Map<String, Object> createFolderApi(String workspaceId, String name, String description, String user) {
        requireTextApi(name, "name");
        synchronized (lock) {
            Container parent = requireContainerApi(workspaceId);
            return renderFolder(newFolder(parent, name, description, user));
        }
    }

    Map<String, Object> profileApi(String documentId) {
        synchronized (lock) {
            DocRef ref = parseDocumentApi(documentId);
            Doc d = requireDocumentApi(ref);
            return renderDocument(d, d.version(ref.version));
        }
    }

    List<Map<String, Object>> versionsApi(String documentId) {
        synchronized (lock) {
            Doc d = requireDocumentApi(parseDocumentApi(documentId));
            return d.versions.stream().map(v -> renderDocument(d, v)).toList();
        }
    }

    /** Content of a version, for download. */
    Download downloadApi(String documentId) {
        synchronized (lock) {
            DocRef ref = parseDocumentApi(documentId);
            Doc d = requireDocumentApi(ref);
            Version v = d.version(ref.version);
            return new Download(d.name + "." + d.extension, SampleFiles.mimeType(d.extension), v.content);
        }
    }

    /** Upload into a folder. {@code profile} may carry name, extension, class, author, comment, custom1/2. */
    Map<String, Object> uploadApi(String folderId, Map<String, Object> profile, String filename, byte[] content,
                                  String user) {
        synchronized (lock) {
            Container folder = requireContainerApi(folderId);
            String name = str(profile.get("name"));
            String extension = str(profile.get("extension"));
            if (filename != null && !filename.isBlank()) {
                int dot = filename.lastIndexOf('.');
                if (name == null) {
                    name = dot > 0 ? filename.substring(0, dot) : filename;
                }
                if (extension == null && dot > 0) {
                    extension = filename.substring(dot + 1);
                }
            }
            requireTextApi(name, "profile.name (or a file name)");
            Doc d = newDocument(folder, name, extension == null ? "" : extension,
                    profile.get("author") == null ? user : str(profile.get("author")),
                    profile.get("class") == null ? "DOC" : str(profile.get("class")), str(profile.get("comment")));
            if (profile.get("custom1") != null) {
                d.custom1 = str(profile.get("custom1"));
            }
            if (profile.get("custom2") != null) {
                d.custom2 = str(profile.get("custom2"));
            }
            Version v = d.addVersion(content, user, clock.next());
            apiUploadsByFolder.merge(folder.number, 1, Integer::sum);
            return renderDocument(d, v);
        }
    }

    Map<String, Object> uploadVersionApi(String documentId, Map<String, Object> profile, byte[] content, String user) {
        synchronized (lock) {
            Doc d = requireDocumentApi(parseDocumentApi(documentId));
            Version v = d.addVersion(content, user, clock.next());
            if (profile.get("comment") != null) {
                v.comment = str(profile.get("comment"));
            }
            apiVersionsByDocument.merge(d.number, 1, Integer::sum);
            return renderDocument(d, v);
        }
    }

    Map<String, Object> patchProfileApi(String documentId, Map<String, Object> patch) {
        synchronized (lock) {
            DocRef ref = parseDocumentApi(documentId);
            Doc d = requireDocumentApi(ref);
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : patch.entrySet()) {
                if (!EDITABLE_FIELDS.contains(e.getKey())) {
                    throw ImanageApiException.badRequest("profile field " + e.getKey() + " cannot be changed; "
                            + "editable: " + EDITABLE_FIELDS);
                }
                fields.put(e.getKey(), str(e.getValue()));
            }
            applyProfile(d, fields);
            return renderDocument(d, d.version(ref.version));
        }
    }

    /** One row of a sync crawl: its ordering key and its body. */
    /**
     * A crawl row: its position, and its body rendered only when the row is on the page being sent (a large library
     * is sorted on every crawl request, but only one page is rendered).
     */
    record CrawlRow(Instant at, String id, java.util.function.Supplier<Map<String, Object>> render) {
        static CrawlRow of(Instant at, String id, Map<String, Object> body) {
            return new CrawlRow(at, id, () -> body);
        }

        Map<String, Object> body() {
            return render.get();
        }
    }

    /** A row's body, rendered under the library's lock (a concurrent edit never shows half done). */
    Map<String, Object> render(CrawlRow row) {
        synchronized (lock) {
            return row.body();
        }
    }

    List<CrawlRow> crawlDocuments(boolean withTombstones) {
        synchronized (lock) {
            List<CrawlRow> rows = new ArrayList<>();
            for (Doc d : documents.values()) {
                for (Version v : d.versions) {
                    rows.add(new CrawlRow(v.editDate, id(d.number, v.number), () -> renderDocument(d, v)));
                }
            }
            if (withTombstones) {
                for (Tombstone t : tombstones) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", id(t.document, t.version));
                    body.put("document_number", t.document);
                    body.put("version", t.version);
                    body.put("database", library);
                    body.put("wstype", "document");
                    body.put("deleted", true);
                    body.put("edit_date", MonotonicClock.format(t.at));
                    rows.add(CrawlRow.of(t.at, id(t.document, t.version), body));
                }
            }
            return rows;
        }
    }

    List<CrawlRow> crawlContainers(boolean workspaces) {
        synchronized (lock) {
            return containers.values().stream().filter(c -> c.isWorkspace == workspaces)
                    .map(c -> new CrawlRow(c.editDate, id(c.number), () -> workspaces ? renderWorkspace(c) : renderFolder(c)))
                    .toList();
        }
    }

    /** Where each document is filed: one row per (document, folder), ordered by filing time. */
    List<CrawlRow> crawlDocumentParents() {
        synchronized (lock) {
            List<CrawlRow> rows = new ArrayList<>();
            for (Doc d : documents.values()) {
                for (Map.Entry<Long, Instant> f : d.filedAt.entrySet()) {
                    Container folder = containers.get(f.getKey());
                    rows.add(new CrawlRow(f.getValue(), id(d.number) + ">" + id(folder.number), () -> {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("document_id", id(d.number, d.latest().number));
                        body.put("document_number", d.number);
                        body.put("parent_id", id(folder.number));
                        body.put("workspace_id", id(folder.workspace));
                        return body;
                    }));
                }
            }
            return rows;
        }
    }

    // ------------------------------------------------------------------ internals

    private Container newFolder(Container parent, String name, String description, String owner) {
        requireText(name, "name");
        Container f = new Container(nextContainer++, false, name, clock.next());
        f.parent = parent.number;
        f.workspace = parent.workspace;
        f.description = description;
        f.owner = owner;
        containers.put(f.number, f);
        return f;
    }

    private Doc newDocument(Container folder, String name, String extension, String author, String docClass,
                            String comment) {
        requireText(name, "name");
        if (folder.isWorkspace) {
            throw new ImanageApiException(400, "INVALID_REQUEST",
                    "documents are filed in folders; " + id(folder.number) + " is a workspace");
        }
        Container ws = containers.get(folder.workspace);
        Doc d = new Doc(nextDocument++);
        d.name = name;
        d.extension = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        d.author = author == null ? "FIRMUSER" : author.toUpperCase(Locale.ROOT);
        d.docClass = docClass;
        d.comment = comment;
        d.custom1 = ws.custom1;
        d.custom2 = ws.custom2;
        d.workspace = ws.number;
        d.folders.add(folder.number);
        d.filedAt.put(folder.number, clock.next());
        documents.put(d.number, d);
        return d;
    }

    private void applyProfile(Doc d, Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "name" -> {
                    requireTextApi(v, "name");
                    d.name = v;
                }
                case "custom1" -> d.custom1 = v;
                case "custom2" -> d.custom2 = v;
                case "class" -> d.docClass = v;
                case "author" -> d.author = v.toUpperCase(Locale.ROOT);
                case "comment" -> d.comment = v;
                default -> throw new IllegalArgumentException("profile field " + e.getKey() + " cannot be changed; "
                        + "editable: " + EDITABLE_FIELDS);
            }
        }
        Version latest = d.latest();
        Instant now = clock.next();
        latest.editDate = now;
        latest.editProfileDate = now;
    }

    private Map<String, Object> renderCustom(Custom c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id);
        out.put("description", c.description == null ? "" : c.description);
        out.put("enabled", true);
        out.put("hipaa", false);
        out.put("database", library);
        if (c.parent != null) {
            Custom parent = clients.get(c.parent);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", c.parent);
            p.put("description", parent == null || parent.description == null ? "" : parent.description);
            out.put("parent", p);
        }
        return out;
    }

    private Map<String, Object> renderWorkspace(Container c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id(c.number));
        out.put("name", c.name);
        out.put("description", c.description == null ? c.name : c.description);
        out.put("database", library);
        out.put("document_number", c.number);
        out.put("version", 1);
        out.put("wstype", "workspace");
        out.put("owner", c.owner);
        out.put("owner_description", c.owner);
        out.put("last_user", c.owner);
        out.put("create_date", MonotonicClock.format(c.createDate));
        out.put("edit_date", MonotonicClock.format(c.editDate));
        out.put("default_security", "inherit");
        out.put("effective_security", "full_access");
        out.put("has_subfolders", containers.values().stream().anyMatch(f -> !f.isWorkspace && f.parent == c.number));
        out.put("is_external", false);
        out.put("is_external_as_normal", false);
        out.put("is_hipaa", false);
        out.put("iwl", "iwl:dms=" + host() + "&&lib=" + library + "&&num=" + c.number + "&&type=workspace");
        out.put("workspace_url", baseUrl.get() + "/work/link/w/" + id(c.number));
        out.put("basic_properties", "<span>" + escape(c.name) + "</span>");
        putCustoms(out, c.custom1, c.custom2);
        return out;
    }

    private Map<String, Object> renderFolder(Container c) {
        Container ws = containers.get(c.workspace);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id(c.number));
        out.put("name", c.name);
        if (c.description != null) {
            out.put("description", c.description);
        }
        out.put("database", library);
        out.put("parent_id", id(c.parent));
        out.put("workspace_id", id(c.workspace));
        out.put("workspace_name", ws.name);
        out.put("wstype", "folder");
        out.put("folder_type", "regular");
        out.put("view_type", "document");
        out.put("owner", c.owner);
        out.put("owner_description", c.owner);
        out.put("edit_date", MonotonicClock.format(c.editDate));
        out.put("default_security", "inherit");
        out.put("effective_security", "full_access");
        out.put("has_documents", documents.values().stream().anyMatch(d -> d.folders.contains(c.number)));
        out.put("has_subfolders", containers.values().stream().anyMatch(f -> !f.isWorkspace && f.parent == c.number));
        out.put("is_external", false);
        out.put("is_external_as_normal", false);
        out.put("folder_url", baseUrl.get() + "/work/link/f/" + id(c.number));
        return out;
    }

    private Map<String, Object> renderDocument(Doc d, Version v) {
        Container ws = containers.get(d.workspace);
        Version latest = d.latest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id(d.number, v.number));
        out.put("database", library);
        out.put("document_number", d.number);
        out.put("version", v.number);
        out.put("latest", Integer.toString(latest.number));
        out.put("is_latest", v == latest);
        out.put("name", d.name);
        out.put("extension", d.extension);
        out.put("full_file_name", d.extension.isEmpty() ? d.name : d.name + "." + d.extension);
        out.put("size", (long) v.content.length);
        out.put("type", typeOf(d.extension));
        out.put("type_description", typeDescription(d.extension));
        out.put("content_type", SampleFiles.mimeType(d.extension));
        out.put("class", d.docClass);
        out.put("class_description", "DOC".equals(d.docClass) ? "Document" : d.docClass);
        out.put("author", d.author);
        out.put("author_description", d.author);
        out.put("operator", v.operator);
        out.put("operator_description", v.operator);
        out.put("last_user", v.operator);
        out.put("last_user_description", v.operator);
        if (d.comment != null || v.comment != null) {
            out.put("comment", v.comment != null ? v.comment : d.comment);
        }
        out.put("create_date", MonotonicClock.format(v.createDate));
        out.put("edit_date", MonotonicClock.format(v.editDate));
        out.put("edit_profile_date", MonotonicClock.format(v.editProfileDate));
        out.put("file_create_date", MonotonicClock.format(v.createDate));
        out.put("file_edit_date", MonotonicClock.format(v.createDate));
        putCustoms(out, d.custom1, d.custom2);
        out.put("workspace_id", id(ws.number));
        out.put("workspace_name", ws.name);
        out.put("wstype", "document");
        out.put("default_security", "inherit");
        out.put("access", "full_access");
        out.put("is_checked_out", false);
        out.put("is_in_use", false);
        out.put("is_declared", false);
        out.put("is_external", false);
        out.put("is_hipaa", false);
        out.put("indexable", true);
        out.put("iwl", "iwl:dms=" + host() + "&&lib=" + library + "&&num=" + d.number + "&&ver=" + v.number);
        out.put("document_url", baseUrl.get() + "/work/link/d/" + id(d.number, v.number));
        return out;
    }

    private void putCustoms(Map<String, Object> out, String custom1, String custom2) {
        if (custom1 != null) {
            out.put("custom1", custom1);
            Custom c = clients.get(custom1);
            out.put("custom1_description", c == null || c.description == null ? "" : c.description);
        }
        if (custom2 != null) {
            out.put("custom2", custom2);
            Custom m = custom1 == null ? null : matters.get(matterKey(custom1, custom2));
            out.put("custom2_description", m == null || m.description == null ? "" : m.description);
        }
    }

    private String host() {
        String b = baseUrl.get();
        return b.substring(b.indexOf("//") + 2);
    }

    private static String typeOf(String extension) {
        return switch (extension) {
            case "pdf" -> "ACROBAT";
            case "docx" -> "WORDX";
            case "doc" -> "WORD";
            case "xlsx" -> "EXCELX";
            case "txt" -> "ANSI";
            case "msg", "eml" -> "MIME";
            default -> "OTHER";
        };
    }

    private static String typeDescription(String extension) {
        return switch (extension) {
            case "pdf" -> "Adobe Acrobat";
            case "docx", "doc" -> "Microsoft Word";
            case "xlsx" -> "Microsoft Excel";
            case "txt" -> "Text";
            default -> "Other";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String id(long number) {
        return library + "!" + number;
    }

    String id(long number, int version) {
        return library + "!" + number + "." + version;
    }

    private static final Pattern DOC_ID = Pattern.compile("^([^!]+)!(\\d+)(?:\\.(\\d+))?$");
    private static final Pattern CONTAINER_ID = Pattern.compile("^([^!]+)!(\\d+)$");

    private record DocRef(long number, int version) {
    }

    private DocRef parseDocument(String id) {
        Matcher m = id == null ? null : DOC_ID.matcher(id);
        if (m == null || !m.matches() || !m.group(1).equals(library)) {
            throw new IllegalArgumentException("not a document id of library " + library + ": " + id);
        }
        return new DocRef(Long.parseLong(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    private DocRef parseDocumentApi(String id) {
        try {
            return parseDocument(id);
        } catch (IllegalArgumentException e) {
            throw ImanageApiException.notFound("document " + id);
        }
    }

    private long parseContainer(String id) {
        Matcher m = id == null ? null : CONTAINER_ID.matcher(id);
        if (m == null || !m.matches() || !m.group(1).equals(library)) {
            throw new IllegalArgumentException("not a workspace or folder id of library " + library + ": " + id);
        }
        return Long.parseLong(m.group(2));
    }

    private Container requireContainer(long number) {
        Container c = containers.get(number);
        if (c == null) {
            throw new IllegalArgumentException("no workspace or folder " + id(number));
        }
        return c;
    }

    private Container requireContainerApi(String id) {
        Matcher m = id == null ? null : CONTAINER_ID.matcher(id);
        Container c = m != null && m.matches() && m.group(1).equals(library)
                ? containers.get(Long.parseLong(m.group(2))) : null;
        if (c == null) {
            throw ImanageApiException.notFound("container " + id);
        }
        return c;
    }

    private Doc requireDocument(long number) {
        Doc d = documents.get(number);
        if (d == null) {
            throw new IllegalArgumentException("no document " + id(number));
        }
        return d;
    }

    private Doc requireDocumentApi(DocRef ref) {
        Doc d = documents.get(ref.number);
        if (d == null || ref.version > d.versions.size() || ref.version < 0) {
            throw ImanageApiException.notFound("document " + (ref.version == 0 ? id(ref.number) : id(ref.number, ref.version)));
        }
        return d;
    }

    private void requireClient(String clientId) {
        if (clientId == null || !clients.containsKey(clientId)) {
            throw new IllegalArgumentException("no client (custom1) " + clientId);
        }
    }

    private static String matterKey(String client, String matter) {
        return client + "\u0000" + matter;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requireTextApi(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ImanageApiException.badRequest(name + " is required");
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** Ids created by {@link #createMatterWorkspace}. */
    public record MatterWorkspace(String workspaceId, String clientPortalFolderId, String internalFolderId)
            implements Workspace {
    }

    record Download(String fileName, String contentType, byte[] content) {
    }

    private static final class Custom {
        final String id;
        final String description;
        final String parent;

        Custom(String id, String description, String parent) {
            this.id = id;
            this.description = description;
            this.parent = parent;
        }
    }

    private static final class Container {
        final long number;
        final boolean isWorkspace;
        final Instant createDate;
        String name;
        String description;
        String custom1;
        String custom2;
        String owner;
        long parent;
        long workspace;
        Instant editDate;

        Container(long number, boolean isWorkspace, String name, Instant at) {
            this.number = number;
            this.isWorkspace = isWorkspace;
            this.name = name;
            this.createDate = at;
            this.editDate = at;
        }
    }

    private static final class Doc {
        final long number;
        final List<Version> versions = new ArrayList<>();
        final Set<Long> folders = new LinkedHashSet<>();
        final Map<Long, Instant> filedAt = new LinkedHashMap<>();
        String name;
        String extension;
        String author;
        String docClass;
        String comment;
        String custom1;
        String custom2;
        long workspace;

        Doc(long number) {
            this.number = number;
        }

        Version addVersion(byte[] content, String operator, Instant at) {
            Version v = new Version(versions.size() + 1, content.clone(), operator.toUpperCase(Locale.ROOT), at);
            versions.add(v);
            return v;
        }

        Version latest() {
            return versions.get(versions.size() - 1);
        }

        /** Version {@code n}, or the latest for 0. */
        Version version(int n) {
            if (n == 0) {
                return latest();
            }
            if (n < 1 || n > versions.size()) {
                throw new IllegalArgumentException("document " + number + " has no version " + n);
            }
            return versions.get(n - 1);
        }
    }

    private static final class Version {
        final int number;
        final byte[] content;
        final String operator;
        final Instant createDate;
        Instant editDate;
        Instant editProfileDate;
        String comment;

        Version(int number, byte[] content, String operator, Instant at) {
            this.number = number;
            this.content = content;
            this.operator = operator;
            this.createDate = at;
            this.editDate = at;
            this.editProfileDate = at;
        }
    }

    private record Tombstone(long document, int version, Instant at) {
    }
}
