package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.DmsStore;
import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.Lookup;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.Stamp;
import org.matterhub.simulators.common.SampleFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.matterhub.simulators.netdocuments.NetDocumentsRecords.*;

/** The repository's state and lock, its activity log, and rendering in NetDocuments REST shapes. */
abstract class NetDocumentsStore extends DmsStore<Entry, String, Container, Doc> {

    public static final String CLIENT_PORTAL_FOLDER = "Client Portal";
    public static final String INTERNAL_FOLDER = "Internal";
    static final long ID_BASE = 4821_7730_0000L;

    final NetDocumentsSimulatorOptions options;
    final List<LogEntry> log = new ArrayList<>();
    final Map<String, Integer> apiUploadsByDestination = new HashMap<>();
    final Map<String, Integer> apiVersionsByDocument = new HashMap<>();
    long nextId = 1;

    NetDocumentsStore(MonotonicClock clock, NetDocumentsSimulatorOptions options) {
        super(clock, new LinkedHashMap<>(), new LinkedHashMap<>());
        this.options = options;
    }

    // ------------------------------------------------------------------ internals

    Container getOrCreateWorkspace(String clientKey, String matterKey, String user) {
        requireClient(clientKey);
        Entry matter = matters.get(matterKey(clientKey, matterKey));
        if (matter == null) {
            throw new IllegalArgumentException("no matter value " + clientKey + "/" + matterKey);
        }
        for (Container c : containers.values()) {
            if (c.isWorkspace() && c.client().equals(clientKey) && c.matter().equals(matterKey)) {
                return c;
            }
        }
        Container w = Container.workspace(newId(), clientKey + "-" + matterKey + " "
                + (matter.description == null ? "" : matter.description), new Stamp(clock.next(), user), clientKey, matterKey);
        containers.put(w.id(), w);
        log(w.created().at(), "Create Workspace", w.id(), w.name(), "workspace", user);
        return w;
    }

    Container newFolder(Container parent, String name, String user) {
        requireText(name, "name");
        Container f = parent.folder(newId(), name, new Stamp(clock.next(), user));
        containers.put(f.id(), f);
        log(f.created().at(), "Create Folder", f.id(), f.name(), "folder", user);
        return f;
    }

    Doc newDocument(Container c, String name, String extension, byte[] content, String user,
                            Map<Integer, String> attrs) {
        requireText(name, "name");
        Instant now = clock.next();
        Doc d = new Doc(newId(), new Stamp(now, user));
        d.name = name;
        d.extension = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        d.container = c.id();
        if (c.client() != null) {
            d.attributes.put(options.clientAttributeId(), c.client());
            d.attributes.put(options.matterAttributeId(), c.matter());
        }
        d.attributes.putAll(attrs);
        d.versions.add(new Version(1, content.clone(), now, user, null, "1"));
        d.official = 1;
        documents.put(d.id, d);
        log(now, "Create", d.id, d.name, "document", user);
        return d;
    }

    Version newVersion(Doc d, byte[] content, String description, String label, boolean official,
                               String user) {
        Instant now = clock.next();
        int n = d.versions.size() + 1;
        Version v = new Version(n, content.clone(), now, user, description, label == null ? Integer.toString(n) : label);
        d.versions.add(v);
        if (official) {
            d.official = n;
        }
        d.modified = new Stamp(now, user);
        log(now, "New Version", d.id, d.name, "document", user);
        return v;
    }

    void applyCustomAttributes(Doc d, Object custom) {
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

    void touch(Doc d, String action, String user) {
        Instant now = clock.next();
        d.modified = new Stamp(now, user);
        log(now, action, d.id, d.name, "document", user);
    }

    void log(Instant at, String action, String id, String name, String type, String user) {
        log.add(new LogEntry(at, action, id, name, type, user));
    }

    Map<String, Object> renderEntry(Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", e.key);
        out.put("description", e.description == null ? "" : e.description);
        out.put("hold", e.hold);
        out.putAll(e.keptAsSent);
        if (e.parent != null) {
            out.put("parent", e.parent);
        }
        return out;
    }

    Map<String, Object> renderContainer(Container c) {
        Map<String, Object> std = new LinkedHashMap<>();
        std.put("id", c.id());
        std.put("name", c.name());
        std.put("type", c.isWorkspace() ? "workspace" : "folder");
        std.put("cabinet", options.cabinetId());
        c.created().render(std, "created", "createdBy");
        c.created().render(std, "modified", "modifiedBy");
        if (!c.isWorkspace()) {
            std.put("parent", c.parent());
            std.put("workspace", c.workspace());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("standardAttributes", std);
        out.put("customAttributes", c.client() == null ? List.of() : renderAttributes(Map.of(
                options.clientAttributeId(), c.client(), options.matterAttributeId(), c.matter())));
        return out;
    }

    Map<String, Object> renderDocument(Doc d) {
        Version official = d.version(d.official);
        Map<String, Object> std = new LinkedHashMap<>();
        std.put("id", d.id);
        std.put("name", d.name);
        std.put("extension", d.extension);
        std.put("type", "document");
        std.put("size", (long) official.content().length);
        std.put("version", d.official);
        std.put("latestVersionNumber", d.versions.size());
        std.put("officialVer", d.official);
        std.put("cabinet", options.cabinetId());
        d.created.render(std, "created", "createdBy");
        d.modified.render(std, "modified", "modifiedBy");
        std.put("parent", d.container);
        std.put("deleted", d.deleted);
        std.put("locked", false);
        std.put("checkedOut", false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("standardAttributes", std);
        out.put("customAttributes", renderAttributes(d.attributes));
        return out;
    }

    List<Map<String, Object>> renderAttributes(Map<Integer, String> attrs) {
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

    Map<String, Object> renderLog(LogEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", MonotonicClock.format(e.at()));
        out.put("action", e.action());
        out.put("objectType", e.type());
        out.put("objectId", e.id());
        out.put("objectName", e.name());
        out.put("cabinet", options.cabinetId());
        out.put("user", e.user());
        return out;
    }

    String newId() {
        String digits = String.format("%012d", ID_BASE + nextId++);
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8);
    }

    Container requireContainer(String id) {
        return Lookup.require(containers, id, k -> new IllegalArgumentException("no workspace or folder " + k));
    }

    Container requireContainerApi(String id) {
        return Lookup.require(containers, id, k -> NetDocumentsApiException.notFound("container " + k));
    }

    Doc requireDocument(String id) {
        return Lookup.require(documents, id, k -> new IllegalArgumentException("no document " + k));
    }

    /** A document not in the recycle bin, else 404. */
    Doc requireDocumentApi(String id) {
        return Lookup.require(documents, id, d -> !d.deleted, k -> NetDocumentsApiException.notFound("document " + k));
    }

    void requireClient(String key) {
        Lookup.require(clients, key, k -> new IllegalArgumentException("no client value " + k));
    }

    boolean requireMatterAttr(int attr) {
        if (attr != options.matterAttributeId()) {
            throw NetDocumentsApiException.notFound("custom attribute " + attr);
        }
        return true;
    }

    static void requireText(String value, String name) {
        Lookup.requireText(value, name, IllegalArgumentException::new);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Ids created by {@link #createMatterWorkspace}. */
    record Download(String fileName, String contentType, byte[] content) {
    }

}
