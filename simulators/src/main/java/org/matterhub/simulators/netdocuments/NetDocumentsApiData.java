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
import org.matterhub.simulators.netdocuments.NetDocumentsRecords.*;

/** The repository as the REST API reads and writes it: lookup tables, workspaces, folders, documents, versions, the log. */
abstract class NetDocumentsApiData extends NetDocumentsStore {

    NetDocumentsApiData(MonotonicClock clock, NetDocumentsSimulatorOptions options) {
        super(clock, options);
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
            for (String kept : Entry.KEPT_AS_SENT) {
                if (body.get(kept) != null) {
                    e.keptAsSent.put(kept, body.get(kept).toString());
                }
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
            if (c.isWorkspace() != workspace) {
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
                if (!c.isWorkspace() && c.parent().equals(id)) {
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

    /** Every document of the cabinet that is not in the recycle bin, rendered as {@code /v1/Document/{id}/info}. */
    List<Map<String, Object>> searchableDocuments() {
        synchronized (lock) {
            return documents.values().stream().filter(d -> !d.deleted).map(this::renderDocument).toList();
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
            return new Download(d.name + "." + d.extension, SampleFiles.mimeType(d.extension), v.content());
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
            out.put("newVer", v.number());
            out.put("newVersionLabel", v.label());
            out.put("officialVer", d.official);
            out.put("officialVerName", officialVersion.label());
            out.put("versions", d.versions.stream().map(x -> Integer.toString(x.number()))
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
                m.put("number", v.number());
                m.put("name", v.label());
                m.put("description", v.description() == null ? "" : v.description());
                m.put("extension", d.extension);
                m.put("size", (long) v.content().length);
                m.put("created", MonotonicClock.format(v.created()));
                m.put("createdBy", v.createdBy());
                m.put("official", v.number() == d.official);
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
            return log.stream().filter(e -> !e.at().isBefore(start) && e.at().isBefore(end)).map(this::renderLog).toList();
        }
    }

}
