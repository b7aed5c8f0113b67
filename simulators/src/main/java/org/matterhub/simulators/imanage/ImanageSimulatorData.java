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
public final class ImanageSimulatorData extends ImanageApiData implements DocumentControl {

    ImanageSimulatorData(MonotonicClock clock, String library, Supplier<String> baseUrl) {
        super(clock, library, baseUrl);
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
            listMatter(clientId, clientName, matterId, description);
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
            Doc d = requireDocument(parseDocument(documentId).number());
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
            Doc d = requireDocument(parseDocument(documentId).number());
            applyProfile(d, Map.of(field, value == null ? "" : value));
        }
    }

    /**
     * Files an existing document in another folder too (iManage documents may live in several folders); the
     * document-parents crawl reports the new placement.
     */
    public void fileDocument(String documentId, String folderId) {
        synchronized (lock) {
            Doc d = requireDocument(parseDocument(documentId).number());
            Container folder = requireContainer(parseContainer(folderId));
            if (d.folders.add(folder.number)) {
                d.filedAt.put(folder.number, clock.next());
            }
        }
    }

    /** Deletes a document with all its versions (a tombstone is kept for crawls that show deletions). */
    public void deleteDocument(String documentId) {
        synchronized (lock) {
            Doc d = requireDocument(parseDocument(documentId).number());
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
            Doc d = requireDocument(ref.number());
            return renderDocument(d, d.version(ref.version()));
        }
    }

    /** Stored bytes of a document version (latest when the id has no version). */
    public byte[] content(String documentId) {
        synchronized (lock) {
            DocRef ref = parseDocument(documentId);
            return requireDocument(ref.number()).version(ref.version()).content.clone();
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
                if (name.equals(documents.get(parseDocument(id).number()).name)) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    /** Number of versions of a document. */
    public int versionCount(String documentId) {
        synchronized (lock) {
            return requireDocument(parseDocument(documentId).number()).versions.size();
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
            return apiVersionsByDocument.getOrDefault(parseDocument(documentId).number(), 0);
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


    /** Ids created by {@link #createMatterWorkspace}. */
    public record MatterWorkspace(String workspaceId, String clientPortalFolderId, String internalFolderId)
            implements Workspace {
    }

}
