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

/**
 * The simulated repository and its one cabinet: the client and matter lookup tables, workspaces (one
 * per client/matter pair), folders, documents with versions, the recycle bin and the repository activity
 * log. Public methods act "as a firm user would in NetDocuments" (they are logged in the activity log
 * but do not move the API upload counters). Thread-safe (one lock).
 *
 * <p>Documents, folders and workspaces get 12-digit ids {@code nnnn-nnnn-nnnn} (ND-PP, ND-RB).
 */
public final class NetDocumentsSimulatorData extends NetDocumentsApiData implements DocumentControl {

    NetDocumentsSimulatorData(MonotonicClock clock, NetDocumentsSimulatorOptions options) {
        super(clock, options);
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
            return getOrCreateWorkspace(clientKey, matterKey, "firm.user").id();
        }
    }

    /** Creates a folder in a workspace or folder; returns its id. */
    public String createFolder(String parentId, String name) {
        synchronized (lock) {
            return newFolder(requireContainer(parentId), name, "firm.user").id();
        }
    }

    /**
     * The usual matter set-up: lookup values (added if missing), the workspace and its "Client Portal" and
     * "Internal" folders.
     */
    public MatterWorkspace createMatterWorkspace(String clientKey, String clientName, String matterKey,
                                                 String description) {
        synchronized (lock) {
            listMatter(clientKey, clientName, matterKey, description);
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
            return newVersion(requireDocument(documentId), content, null, null, true, "firm.user").number();
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
            return d.version(d.official).content().clone();
        }
    }

    /** Content of one version. */
    public byte[] content(String documentId, int version) {
        synchronized (lock) {
            return requireDocument(documentId).version(version).content().clone();
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
                if (c.isWorkspace() && c.client().equals(clientKey) && c.matter().equals(matterKey)) {
                    return c.id();
                }
            }
            return null;
        }
    }

    /** The sub-folder of {@code parentId} named {@code name}, or {@code null}. */
    public String folderId(String parentId, String name) {
        synchronized (lock) {
            for (Container c : containers.values()) {
                if (!c.isWorkspace() && c.parent().equals(parentId) && c.name().equals(name)) {
                    return c.id();
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

    public record MatterWorkspace(String workspaceId, String clientPortalFolderId, String internalFolderId)
            implements Workspace {
    }

}
