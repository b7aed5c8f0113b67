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
import org.matterhub.simulators.imanage.ImanageRecords.*;

/** The library as the Work API reads and writes it: customs, containers, profiles, versions, uploads and the crawl. */
abstract class ImanageApiData extends ImanageStore {

    ImanageApiData(MonotonicClock clock, String library, Supplier<String> baseUrl) {
        super(clock, library, baseUrl);
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
            return matters.values().stream().filter(m -> parent == null || parent.equals(m.parent()))
                    .map(this::renderCustom).toList();
        }
    }

    Map<String, Object> matter(String parent, String id) {
        synchronized (lock) {
            if (parent == null) {
                List<Custom> found = matters.values().stream().filter(m -> m.id().equals(id)).toList();
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
            return renderDocument(d, d.version(ref.version()));
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
            Version v = d.version(ref.version());
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
            return renderDocument(d, d.version(ref.version()));
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
                    body.put("id", id(t.document(), t.version()));
                    body.put("document_number", t.document());
                    body.put("version", t.version());
                    body.put("database", library);
                    body.put("wstype", "document");
                    body.put("deleted", true);
                    body.put("edit_date", MonotonicClock.format(t.at()));
                    rows.add(CrawlRow.of(t.at(), id(t.document(), t.version()), body));
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

}
