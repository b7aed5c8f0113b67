package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.DmsStore;
import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.Lookup;
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
import org.matterhub.simulators.imanage.ImanageRecords.*;

/** The library's state and lock, id parsing, and rendering in iManage Work API v2 shapes. */
abstract class ImanageStore extends DmsStore<Custom, Long, Container, Doc> {

    /** Profile fields {@link #updateProfile} can change. */
    public static final Set<String> EDITABLE_FIELDS = Set.of("name", "custom1", "custom2", "class", "author",
            "comment");
    /** Name of the folder the hub publishes to and reads from, created in every matter workspace. */
    public static final String CLIENT_PORTAL_FOLDER = "Client Portal";
    public static final String INTERNAL_FOLDER = "Internal";

    final String library;
    final Supplier<String> baseUrl;
    final List<Tombstone> tombstones = new ArrayList<>();
    final Map<Long, Integer> apiUploadsByFolder = new HashMap<>();
    final Map<Long, Integer> apiVersionsByDocument = new HashMap<>();
    long nextContainer = 4001;
    long nextDocument = 10001;

    ImanageStore(MonotonicClock clock, String library, Supplier<String> baseUrl) {
        super(clock, new TreeMap<>(), new TreeMap<>());
        this.library = library;
        this.baseUrl = baseUrl;
    }

    // ------------------------------------------------------------------ internals

    Container newFolder(Container parent, String name, String description, String owner) {
        requireText(name, "name");
        Container f = new Container(nextContainer++, false, name, clock.next());
        f.parent = parent.number;
        f.workspace = parent.workspace;
        f.description = description;
        f.owner = owner;
        containers.put(f.number, f);
        return f;
    }

    Doc newDocument(Container folder, String name, String extension, String author, String docClass,
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

    void applyProfile(Doc d, Map<String, String> fields) {
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

    Map<String, Object> renderCustom(Custom c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("description", c.description() == null ? "" : c.description());
        out.put("enabled", true);
        out.put("hipaa", false);
        out.put("database", library);
        if (c.parent() != null) {
            Custom parent = clients.get(c.parent());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", c.parent());
            p.put("description", parent == null || parent.description() == null ? "" : parent.description());
            out.put("parent", p);
        }
        return out;
    }

    Map<String, Object> renderWorkspace(Container c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id(c.number));
        out.put("name", c.name);
        out.put("description", c.description == null ? c.name : c.description);
        out.put("database", library);
        out.put("document_number", c.number);
        out.put("version", 1);
        out.put("wstype", "workspace");
        putUser(out, "owner", c.owner);
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

    Map<String, Object> renderFolder(Container c) {
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
        putUser(out, "owner", c.owner);
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

    Map<String, Object> renderDocument(Doc d, Version v) {
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
        putUser(out, "author", d.author);
        putUser(out, "operator", v.operator);
        putUser(out, "last_user", v.operator);
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

    /** A user field and its {@code _description}: the simulator's users have no display names, so both are the id. */
    static void putUser(Map<String, Object> out, String field, String user) {
        out.put(field, user);
        out.put(field + "_description", user);
    }

    void putCustoms(Map<String, Object> out, String custom1, String custom2) {
        if (custom1 != null) {
            out.put("custom1", custom1);
            Custom c = clients.get(custom1);
            out.put("custom1_description", c == null || c.description() == null ? "" : c.description());
        }
        if (custom2 != null) {
            out.put("custom2", custom2);
            Custom m = custom1 == null ? null : matters.get(matterKey(custom1, custom2));
            out.put("custom2_description", m == null || m.description() == null ? "" : m.description());
        }
    }

    String host() {
        String b = baseUrl.get();
        return b.substring(b.indexOf("//") + 2);
    }

    static String typeOf(String extension) {
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

    static String typeDescription(String extension) {
        return switch (extension) {
            case "pdf" -> "Adobe Acrobat";
            case "docx", "doc" -> "Microsoft Word";
            case "xlsx" -> "Microsoft Excel";
            case "txt" -> "Text";
            default -> "Other";
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String id(long number) {
        return library + "!" + number;
    }

    String id(long number, int version) {
        return library + "!" + number + "." + version;
    }

    static final Pattern DOC_ID = Pattern.compile("^([^!]+)!(\\d+)(?:\\.(\\d+))?$");
    static final Pattern CONTAINER_ID = Pattern.compile("^([^!]+)!(\\d+)$");

    record DocRef(long number, int version) {
    }

    DocRef parseDocument(String id) {
        Matcher m = id == null ? null : DOC_ID.matcher(id);
        if (m == null || !m.matches() || !m.group(1).equals(library)) {
            throw new IllegalArgumentException("not a document id of library " + library + ": " + id);
        }
        return new DocRef(Long.parseLong(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    DocRef parseDocumentApi(String id) {
        try {
            return parseDocument(id);
        } catch (IllegalArgumentException e) {
            throw ImanageApiException.notFound("document " + id);
        }
    }

    long parseContainer(String id) {
        Matcher m = id == null ? null : CONTAINER_ID.matcher(id);
        if (m == null || !m.matches() || !m.group(1).equals(library)) {
            throw new IllegalArgumentException("not a workspace or folder id of library " + library + ": " + id);
        }
        return Long.parseLong(m.group(2));
    }

    Container requireContainer(long number) {
        return Lookup.require(containers, number, n -> new IllegalArgumentException("no workspace or folder " + id(n)));
    }

    Container requireContainerApi(String id) {
        Matcher m = id == null ? null : CONTAINER_ID.matcher(id);
        Long number = m != null && m.matches() && m.group(1).equals(library) ? Long.parseLong(m.group(2)) : null;
        return Lookup.require(containers, number, n -> ImanageApiException.notFound("container " + id));
    }

    Doc requireDocument(long number) {
        return Lookup.require(documents, number, n -> new IllegalArgumentException("no document " + id(n)));
    }

    /** The document of {@code ref} if it has that version (0 = the latest), else 404. */
    Doc requireDocumentApi(DocRef ref) {
        return Lookup.require(documents, ref.number, d -> ref.version >= 0 && ref.version <= d.versions.size(),
                n -> ImanageApiException.notFound("document " + (ref.version == 0 ? id(n) : id(n, ref.version))));
    }

    void requireClient(String clientId) {
        Lookup.require(clients, clientId, k -> new IllegalArgumentException("no client (custom1) " + k));
    }

    static void requireText(String value, String name) {
        Lookup.requireText(value, name, IllegalArgumentException::new);
    }

    static void requireTextApi(String value, String name) {
        Lookup.requireText(value, name, ImanageApiException::badRequest);
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    record Download(String fileName, String contentType, byte[] content) {
    }
}
