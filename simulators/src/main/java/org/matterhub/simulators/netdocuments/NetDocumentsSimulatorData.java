package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SampleFiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated repository and its one cabinet: the client and matter lookup tables, workspaces (one
 * per client/matter pair), folders, documents with versions, the recycle bin and the repository activity
 * log. Public methods act "as a firm user would in NetDocuments" (they are logged in the activity log
 * but do not move the API upload counters). Thread-safe (one lock).
 *
 * <p>Documents, folders and workspaces get 12-digit ids {@code nnnn-nnnn-nnnn} (ND-PP, ND-RB).
 */
public final class NetDocumentsSimulatorData implements DocumentControl {

    public static final String CLIENT_PORTAL_FOLDER = "Client Portal";
    public static final String INTERNAL_FOLDER = "Internal";
    private static final long ID_BASE = 4821_7730_0000L;

    private final Object lock = new Object();
    private final MonotonicClock clock;
    private final NetDocumentsSimulatorOptions options;
    private final TreeMap<String, Entry> clients = new TreeMap<>();
    private final TreeMap<String, Entry> matters = new TreeMap<>();
    private final LinkedHashMap<String, Container> containers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Doc> documents = new LinkedHashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final Map<String, Integer> apiUploadsByDestination = new HashMap<>();
    private final Map<String, Integer> apiVersionsByDocument = new HashMap<>();
    private long nextId = 1;

    NetDocumentsSimulatorData(MonotonicClock clock, NetDocumentsSimulatorOptions options) {
        this.clock = clock;
        this.options = options;
    }

    // ------------------------------------------------------------------ firm-user operations

    /** Adds or re-describes a client in the client lookup table. */
    public void createClient(String key, String description) {
        requireText(key, "key");
        synchronized (lock) {
            Entry e = clients.computeIfAbsent(key, k -> new Entry(k, null));
            e.description = description;
        }
    }

    /** Adds or re-describes a matter (child lookup value) under client {@code clientKey}. */
    public void createMatter(String clientKey, String key, String description) {
        requireText(key, "key");
        synchronized (lock) {
            requireClient(clientKey);
            Entry e = matters.computeIfAbsent(matterKey(clientKey, key), k -> new Entry(key, clientKey));
            e.description = description;
        }
    }

    /** Gets or creates the workspace of a client/matter pair (both must be in the lookup tables); returns its id. */
    public String workspace(String clientKey, String matterKey) {
        synchronized (lock) {
            return getOrCreateWorkspace(clientKey, matterKey, "firm.user").id;
        }
    }

    /** Creates a folder in a workspace or folder; returns its id. */
    public String createFolder(String parentId, String name) {
        synchronized (lock) {
            return newFolder(requireContainer(parentId), name, "firm.user").id;
        }
    }

    /**
     * The usual matter set-up: lookup values (added if missing), the workspace and its "Client Portal" and
     * "Internal" folders.
     */
    public MatterWorkspace createMatterWorkspace(String clientKey, String clientName, String matterKey,
                                                 String description) {
        synchronized (lock) {
            if (!clients.containsKey(clientKey)) {
                createClient(clientKey, clientName);
            }
            if (!matters.containsKey(matterKey(clientKey, matterKey))) {
                createMatter(clientKey, matterKey, description);
            }
            String ws = workspace(clientKey, matterKey);
            String portal = folderId(ws, CLIENT_PORTAL_FOLDER);
            if (portal == null) {
                portal = createFolder(ws, CLIENT_PORTAL_FOLDER);
            }
            String internal = folderId(ws, INTERNAL_FOLDER);
            if (internal == null) {
                internal = createFolder(ws, INTERNAL_FOLDER);
            }
            return new MatterWorkspace(ws, portal, internal);
        }
    }

    /** Puts a new document (version 1) into a folder or workspace; returns its id. */
    public String putDocument(String containerId, String name, String extension, byte[] content) {
        return putDocument(containerId, name, extension, content, "firm.user");
    }

    public String putDocument(String containerId, String name, String extension, byte[] content, String user) {
        synchronized (lock) {
            return newDocument(requireContainer(containerId), name, extension, content, user, Map.of()).id;
        }
    }

    /** Adds an official version with new content; returns the new version number. */
    @Override
    public String appendVersion(String documentId, byte[] content) {
        addVersion(documentId, content);
        return documentId;
    }

    public int addVersion(String documentId, byte[] content) {
        synchronized (lock) {
            return newVersion(requireDocument(documentId), content, null, null, true, "firm.user").number;
        }
    }

    /**
     * Changes a profile field: {@code name}, {@code client}, {@code matter}, or a custom attribute number
     * ({@code "1"}, {@code "2"}). Moves {@code modified} and logs "Edit Profile".
     */
    public void updateProfile(String documentId, String field, String value) {
        synchronized (lock) {
            Doc d = requireDocument(documentId);
            String attr = switch (field) {
                case "client" -> Integer.toString(options.clientAttributeId());
                case "matter" -> Integer.toString(options.matterAttributeId());
                default -> field;
            };
            if (attr.equals("name")) {
                requireText(value, "name");
                d.name = value;
            } else {
                try {
                    d.attributes.put(Integer.parseInt(attr), value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field must be name, client, matter or an attribute number");
                }
            }
            touch(d, "Edit Profile", "firm.user");
        }
    }

    /** Moves a document to the recycle bin (it disappears from listings; the log records "Delete"). */
    public void deleteDocument(String documentId) {
        synchronized (lock) {
            Doc d = requireDocument(documentId);
            d.deleted = true;
            touch(d, "Delete", "firm.user");
        }
    }

    // ------------------------------------------------------------------ inspection

    public Map<String, Object> documentProfile(String documentId) {
        synchronized (lock) {
            return renderDocument(requireDocument(documentId));
        }
    }

    /** Content of the official version. */
    public byte[] content(String documentId) {
        synchronized (lock) {
            Doc d = requireDocument(documentId);
            return d.version(d.official).content.clone();
        }
    }

    /** Content of one version. */
    public byte[] content(String documentId, int version) {
        synchronized (lock) {
            return requireDocument(documentId).version(version).content.clone();
        }
    }

    /** Ids of the (not deleted) documents filed in a container, oldest first. */
    public List<String> documentIds(String containerId) {
        synchronized (lock) {
            requireContainer(containerId);
            return documents.values().stream().filter(d -> !d.deleted && d.container.equals(containerId))
                    .map(d -> d.id).toList();
        }
    }

    public List<String> documentIdsNamed(String containerId, String name) {
        synchronized (lock) {
            return documentIds(containerId).stream().filter(id -> documents.get(id).name.equals(name)).toList();
        }
    }

    public int versionCount(String documentId) {
        synchronized (lock) {
            return requireDocument(documentId).versions.size();
        }
    }

    /** Documents created through {@code POST /v1/Document/upload}. */
    public int uploadCount() {
        synchronized (lock) {
            return apiUploadsByDestination.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Documents created through {@code POST /v1/Document/upload} with this destination. */
    public int uploadCount(String destinationId) {
        synchronized (lock) {
            return apiUploadsByDestination.getOrDefault(destinationId, 0);
        }
    }

    /** Versions created through {@code PUT /v1/Document/{id}/new}. */
    public int versionUploadCount(String documentId) {
        synchronized (lock) {
            return apiVersionsByDocument.getOrDefault(documentId, 0);
        }
    }

    /** The workspace of a client/matter pair, or {@code null} when none exists yet. */
    public String workspaceId(String clientKey, String matterKey) {
        synchronized (lock) {
            for (Container c : containers.values()) {
                if (c.isWorkspace && c.client.equals(clientKey) && c.matter.equals(matterKey)) {
                    return c.id;
                }
            }
            return null;
        }
    }

    /** The sub-folder of {@code parentId} named {@code name}, or {@code null}. */
    public String folderId(String parentId, String name) {
        synchronized (lock) {
            for (Container c : containers.values()) {
                if (!c.isWorkspace && c.parent.equals(parentId) && c.name.equals(name)) {
                    return c.id;
                }
            }
            return null;
        }
    }

    /** The repository activity log, oldest first, as the API renders it. */
    public List<Map<String, Object>> activityLog() {
        synchronized (lock) {
            return log.stream().map(this::renderLog).toList();
        }
    }

    // ------------------------------------------------------------------ API operations (package-private)

    NetDocumentsSimulatorOptions options() {
        return options;
    }

    List<Map<String, Object>> lookupRows(int attr, String parent) {
        synchronized (lock) {
            if (attr == options.clientAttributeId()) {
                return clients.values().stream().map(this::renderEntry).toList();
            }
            requireMatterAttr(attr);
            return matters.values().stream().filter(e -> parent == null || e.parent.equals(parent))
                    .map(this::renderEntry).toList();
        }
    }

    Map<String, Object> lookupEntry(int attr, String parent, String key) {
        synchronized (lock) {
            Entry e = attr == options.clientAttributeId() && parent == null ? clients.get(key)
                    : requireMatterAttr(attr) && parent != null ? matters.get(matterKey(parent, key)) : null;
            if (e == null) {
                throw NetDocumentsApiException.notFound("lookup value " + (parent == null ? "" : parent + "/") + key);
            }
            return renderEntry(e);
        }
    }

    /** PUT of a lookup entry: creates or updates. */
    void putLookupEntry(int attr, String parent, String key, Map<String, Object> body) {
        synchronized (lock) {
            Entry e;
            if (attr == options.clientAttributeId() && parent == null) {
                e = clients.computeIfAbsent(key, k -> new Entry(k, null));
            } else if (requireMatterAttr(attr) && parent != null) {
                if (!clients.containsKey(parent)) {
                    throw NetDocumentsApiException.notFound("parent lookup value " + parent);
                }
                e = matters.computeIfAbsent(matterKey(parent, key), k -> new Entry(key, parent));
            } else {
                throw NetDocumentsApiException.badRequest("attribute " + attr + " needs "
                        + (attr == options.clientAttributeId() ? "no parent" : "a parent value"));
            }
            if (body.get("description") != null) {
                e.description = body.get("description").toString();
            }
            if (body.get("hold") instanceof Boolean b) {
                e.hold = b;
            }
            if (body.get("closed") != null) {
                e.closed = body.get("closed").toString();
            }
            if (body.get("defaulting") != null) {
                e.defaulting = body.get("defaulting").toString();
            }
        }
    }

    void deleteLookupEntry(int attr, String parent, String key) {
        synchronized (lock) {
            Object removed = attr == options.clientAttributeId() && parent == null ? clients.remove(key)
                    : requireMatterAttr(attr) && parent != null ? matters.remove(matterKey(parent, key)) : null;
            if (removed == null) {
                throw NetDocumentsApiException.notFound("lookup value " + key);
            }
        }
    }

    Map<String, Object> workspaceInfoApi(String clientKey, String matterKey, String user) {
        synchronized (lock) {
            if (!clients.containsKey(clientKey)) {
                throw NetDocumentsApiException.notFound("client value " + clientKey);
            }
            if (!matters.containsKey(matterKey(clientKey, matterKey))) {
                throw NetDocumentsApiException.notFound("matter value " + clientKey + "/" + matterKey);
            }
            return renderContainer(getOrCreateWorkspace(clientKey, matterKey, user));
        }
    }

    Map<String, Object> containerInfoApi(String id, boolean workspace) {
        synchronized (lock) {
            Container c = requireContainerApi(id);
            if (c.isWorkspace != workspace) {
                throw NetDocumentsApiException.notFound((workspace ? "workspace " : "folder ") + id);
            }
            return renderContainer(c);
        }
    }

    Map<String, Object> createFolderApi(String parentId, String name, String user) {
        synchronized (lock) {
            if (name == null || name.isBlank()) {
                throw NetDocumentsApiException.badRequest("name is required");
            }
            return renderContainer(newFolder(requireContainerApi(parentId), name, user));
        }
    }

    /** Items directly in a container: sub-folders, then documents (not deleted). */
    List<Map<String, Object>> containerItems(String id) {
        synchronized (lock) {
            requireContainerApi(id);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Container c : containers.values()) {
                if (!c.isWorkspace && c.parent.equals(id)) {
                    out.add(renderContainer(c));
                }
            }
            for (Doc d : documents.values()) {
                if (!d.deleted && d.container.equals(id)) {
                    out.add(renderDocument(d));
                }
            }
            return out;
        }
    }

    Map<String, Object> documentInfoApi(String id) {
        synchronized (lock) {
            return renderDocument(requireDocumentApi(id));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> updateDocumentInfoApi(String id, Map<String, Object> body, String user) {
        synchronized (lock) {
            Doc d = requireDocumentApi(id);
            if (body.get("standardAttributes") instanceof Map<?, ?> std && std.get("name") != null) {
                String name = std.get("name").toString();
                if (name.isBlank()) {
                    throw NetDocumentsApiException.badRequest("standardAttributes.name must not be empty");
                }
                d.name = name;
            }
            applyCustomAttributes(d, body.get("customAttributes"));
            touch(d, "Edit Profile", user);
            return renderDocument(d);
        }
    }

    /** Content of the official version (or {@code version} when > 0). */
    Download downloadApi(String id, int version) {
        synchronized (lock) {
            Doc d = requireDocumentApi(id);
            if (version > d.versions.size()) {
                throw NetDocumentsApiException.notFound("version " + version + " of document " + id);
            }
            Version v = d.version(version > 0 ? version : d.official);
            return new Download(d.name + "." + d.extension, SampleFiles.mimeType(d.extension), v.content);
        }
    }

    Map<String, Object> uploadApi(String destination, String filename, byte[] content, Object profile, String user) {
        synchronized (lock) {
            Container c = requireContainerApi(destination);
            String name = filename == null ? null : filename;
            String extension = "";
            if (name != null) {
                int dot = name.lastIndexOf('.');
                if (dot > 0) {
                    extension = name.substring(dot + 1);
                    name = name.substring(0, dot);
                }
            }
            Map<Integer, String> attrs = new LinkedHashMap<>();
            Object custom = profile;
            if (profile instanceof Map<?, ?> p) {
                if (p.get("standardAttributes") instanceof Map<?, ?> std && std.get("name") != null) {
                    name = std.get("name").toString();
                }
                if (p.get("name") != null) {
                    name = p.get("name").toString();
                }
                custom = p.get("customAttributes");
            }
            if (name == null || name.isBlank()) {
                throw NetDocumentsApiException.badRequest("the file part needs a filename (or the profile a name)");
            }
            Doc d = newDocument(c, name, extension, content, user, attrs);
            applyCustomAttributes(d, custom);
            apiUploadsByDestination.merge(destination, 1, Integer::sum);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", d.id);
            out.put("name", d.name);
            out.put("extension", d.extension);
            return out;
        }
    }

    Map<String, Object> newVersionApi(String id, byte[] content, String extension, String description,
                                      String label, boolean official, String user) {
        synchronized (lock) {
            Doc d = requireDocumentApi(id);
            Version v = newVersion(d, content, description, label, official, user);
            if (extension != null && !extension.isBlank()) {
                d.extension = extension.toLowerCase(Locale.ROOT);
            }
            apiVersionsByDocument.merge(d.id, 1, Integer::sum);
            Version officialVersion = d.version(d.official);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("latestVersionNumber", d.versions.size());
            out.put("newVer", v.number);
            out.put("newVersionLabel", v.label);
            out.put("officialVer", d.official);
            out.put("officialVerName", officialVersion.label);
            out.put("versions", d.versions.stream().map(x -> Integer.toString(x.number))
                    .reduce((a, b) -> a + "," + b).orElse(""));
            return out;
        }
    }

    List<Map<String, Object>> versionListApi(String id) {
        synchronized (lock) {
            Doc d = requireDocumentApi(id);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Version v : d.versions) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", v.number);
                m.put("name", v.label);
                m.put("description", v.description == null ? "" : v.description);
                m.put("extension", d.extension);
                m.put("size", (long) v.content.length);
                m.put("created", MonotonicClock.format(v.created));
                m.put("createdBy", v.createdBy);
                m.put("official", v.number == d.official);
                out.add(m);
            }
            return out;
        }
    }

    void deleteDocumentApi(String id, String user) {
        synchronized (lock) {
            Doc d = requireDocumentApi(id);
            d.deleted = true;
            touch(d, "Delete", user);
        }
    }

    List<Map<String, Object>> logApi(Instant start, Instant end) {
        synchronized (lock) {
            return log.stream().filter(e -> !e.at.isBefore(start) && e.at.isBefore(end)).map(this::renderLog).toList();
        }
    }

    // ------------------------------------------------------------------ internals

    private Container getOrCreateWorkspace(String clientKey, String matterKey, String user) {
        requireClient(clientKey);
        Entry matter = matters.get(matterKey(clientKey, matterKey));
        if (matter == null) {
            throw new IllegalArgumentException("no matter value " + clientKey + "/" + matterKey);
        }
        for (Container c : containers.values()) {
            if (c.isWorkspace && c.client.equals(clientKey) && c.matter.equals(matterKey)) {
                return c;
            }
        }
        Container w = new Container(newId(), true, clientKey + "-" + matterKey + " "
                + (matter.description == null ? "" : matter.description), clock.next(), user);
        w.client = clientKey;
        w.matter = matterKey;
        w.workspace = w.id;
        containers.put(w.id, w);
        log(w.created, "Create Workspace", w.id, w.name, "workspace", user);
        return w;
    }

    private Container newFolder(Container parent, String name, String user) {
        requireText(name, "name");
        Container f = new Container(newId(), false, name, clock.next(), user);
        f.parent = parent.id;
        f.workspace = parent.workspace;
        f.client = parent.client;
        f.matter = parent.matter;
        containers.put(f.id, f);
        log(f.created, "Create Folder", f.id, f.name, "folder", user);
        return f;
    }

    private Doc newDocument(Container c, String name, String extension, byte[] content, String user,
                            Map<Integer, String> attrs) {
        requireText(name, "name");
        Instant now = clock.next();
        Doc d = new Doc(newId(), now, user);
        d.name = name;
        d.extension = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        d.container = c.id;
        if (c.client != null) {
            d.attributes.put(options.clientAttributeId(), c.client);
            d.attributes.put(options.matterAttributeId(), c.matter);
        }
        d.attributes.putAll(attrs);
        d.versions.add(new Version(1, content.clone(), now, user, null, "1"));
        d.official = 1;
        documents.put(d.id, d);
        log(now, "Create", d.id, d.name, "document", user);
        return d;
    }

    private Version newVersion(Doc d, byte[] content, String description, String label, boolean official,
                               String user) {
        Instant now = clock.next();
        int n = d.versions.size() + 1;
        Version v = new Version(n, content.clone(), now, user, description, label == null ? Integer.toString(n) : label);
        d.versions.add(v);
        if (official) {
            d.official = n;
        }
        d.modified = now;
        d.modifiedBy = user;
        log(now, "New Version", d.id, d.name, "document", user);
        return v;
    }

    private void applyCustomAttributes(Doc d, Object custom) {
        if (!(custom instanceof List<?> list)) {
            return;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> a && a.get("id") != null) {
                int id;
                try {
                    id = Integer.parseInt(a.get("id").toString());
                } catch (NumberFormatException e) {
                    throw NetDocumentsApiException.badRequest("customAttributes[].id must be a number");
                }
                Object value = a.get("value");
                if (value == null || value.toString().isEmpty()) {
                    d.attributes.remove(id);
                } else {
                    d.attributes.put(id, value.toString());
                }
            }
        }
    }

    private void touch(Doc d, String action, String user) {
        Instant now = clock.next();
        d.modified = now;
        d.modifiedBy = user;
        log(now, action, d.id, d.name, "document", user);
    }

    private void log(Instant at, String action, String id, String name, String type, String user) {
        log.add(new LogEntry(at, action, id, name, type, user));
    }

    private Map<String, Object> renderEntry(Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", e.key);
        out.put("description", e.description == null ? "" : e.description);
        out.put("hold", e.hold);
        if (e.closed != null) {
            out.put("closed", e.closed);
        }
        if (e.defaulting != null) {
            out.put("defaulting", e.defaulting);
        }
        if (e.parent != null) {
            out.put("parent", e.parent);
        }
        return out;
    }

    private Map<String, Object> renderContainer(Container c) {
        Map<String, Object> std = new LinkedHashMap<>();
        std.put("id", c.id);
        std.put("name", c.name);
        std.put("type", c.isWorkspace ? "workspace" : "folder");
        std.put("cabinet", options.cabinetId());
        std.put("created", MonotonicClock.format(c.created));
        std.put("createdBy", c.createdBy);
        std.put("modified", MonotonicClock.format(c.created));
        std.put("modifiedBy", c.createdBy);
        if (!c.isWorkspace) {
            std.put("parent", c.parent);
            std.put("workspace", c.workspace);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("standardAttributes", std);
        out.put("customAttributes", c.client == null ? List.of() : renderAttributes(Map.of(
                options.clientAttributeId(), c.client, options.matterAttributeId(), c.matter)));
        return out;
    }

    private Map<String, Object> renderDocument(Doc d) {
        Version official = d.version(d.official);
        Map<String, Object> std = new LinkedHashMap<>();
        std.put("id", d.id);
        std.put("name", d.name);
        std.put("extension", d.extension);
        std.put("type", "document");
        std.put("size", (long) official.content.length);
        std.put("version", d.official);
        std.put("latestVersionNumber", d.versions.size());
        std.put("officialVer", d.official);
        std.put("cabinet", options.cabinetId());
        std.put("created", MonotonicClock.format(d.created));
        std.put("createdBy", d.createdBy);
        std.put("modified", MonotonicClock.format(d.modified));
        std.put("modifiedBy", d.modifiedBy);
        std.put("parent", d.container);
        std.put("deleted", d.deleted);
        std.put("locked", false);
        std.put("checkedOut", false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("standardAttributes", std);
        out.put("customAttributes", renderAttributes(d.attributes));
        return out;
    }

    private List<Map<String, Object>> renderAttributes(Map<Integer, String> attrs) {
        List<Map<String, Object>> out = new ArrayList<>();
        new TreeMap<>(attrs).forEach((id, value) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", id);
            a.put("value", value);
            String description = "";
            if (id == options.clientAttributeId() && clients.containsKey(value)) {
                description = nz(clients.get(value).description);
            } else if (id == options.matterAttributeId()) {
                String client = attrs.get(options.clientAttributeId());
                Entry m = client == null ? null : matters.get(matterKey(client, value));
                description = m == null ? "" : nz(m.description);
            }
            a.put("description", description);
            out.add(a);
        });
        return out;
    }

    private Map<String, Object> renderLog(LogEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", MonotonicClock.format(e.at));
        out.put("action", e.action);
        out.put("objectType", e.type);
        out.put("objectId", e.id);
        out.put("objectName", e.name);
        out.put("cabinet", options.cabinetId());
        out.put("user", e.user);
        return out;
    }

    private String newId() {
        String digits = String.format("%012d", ID_BASE + nextId++);
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8);
    }

    private Container requireContainer(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no workspace or folder " + id);
        }
        return c;
    }

    private Container requireContainerApi(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw NetDocumentsApiException.notFound("container " + id);
        }
        return c;
    }

    private Doc requireDocument(String id) {
        Doc d = documents.get(id);
        if (d == null) {
            throw new IllegalArgumentException("no document " + id);
        }
        return d;
    }

    private Doc requireDocumentApi(String id) {
        Doc d = documents.get(id);
        if (d == null || d.deleted) {
            throw NetDocumentsApiException.notFound("document " + id);
        }
        return d;
    }

    private void requireClient(String key) {
        if (key == null || !clients.containsKey(key)) {
            throw new IllegalArgumentException("no client value " + key);
        }
    }

    private boolean requireMatterAttr(int attr) {
        if (attr != options.matterAttributeId()) {
            throw NetDocumentsApiException.notFound("custom attribute " + attr);
        }
        return true;
    }

    private static String matterKey(String client, String matter) {
        return client + "\u0000" + matter;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Ids created by {@link #createMatterWorkspace}. */
    public record MatterWorkspace(String workspaceId, String clientPortalFolderId, String internalFolderId)
            implements Workspace {
    }

    record Download(String fileName, String contentType, byte[] content) {
    }

    private static final class Entry {
        final String key;
        final String parent;
        String description;
        boolean hold;
        String closed;
        String defaulting;

        Entry(String key, String parent) {
            this.key = key;
            this.parent = parent;
        }
    }

    private static final class Container {
        final String id;
        final boolean isWorkspace;
        final String name;
        final Instant created;
        final String createdBy;
        String parent;
        String workspace;
        String client;
        String matter;

        Container(String id, boolean isWorkspace, String name, Instant created, String createdBy) {
            this.id = id;
            this.isWorkspace = isWorkspace;
            this.name = name;
            this.created = created;
            this.createdBy = createdBy;
        }
    }

    private static final class Doc {
        final String id;
        final Instant created;
        final String createdBy;
        final List<Version> versions = new ArrayList<>();
        final Map<Integer, String> attributes = new LinkedHashMap<>();
        String name;
        String extension;
        String container;
        int official;
        Instant modified;
        String modifiedBy;
        boolean deleted;

        Doc(String id, Instant created, String createdBy) {
            this.id = id;
            this.created = created;
            this.createdBy = createdBy;
            this.modified = created;
            this.modifiedBy = createdBy;
        }

        Version version(int n) {
            if (n < 1 || n > versions.size()) {
                throw new IllegalArgumentException("document " + id + " has no version " + n);
            }
            return versions.get(n - 1);
        }
    }

    private record Version(int number, byte[] content, Instant created, String createdBy, String description,
                           String label) {
    }

    private record LogEntry(Instant at, String action, String id, String name, String type, String user) {
    }
}
