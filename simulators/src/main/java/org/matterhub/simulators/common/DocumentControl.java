package org.matterhub.simulators.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.optStr;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * The document store of a document-management simulator as its control API sees it; {@link #register} adds
 * {@code POST /clients}, {@code /matters}, {@code /workspaces}, {@code /folders} and {@code /documents},
 * {@code GET/PATCH/DELETE /documents/{id}}, {@code GET /folders/{id}/documents} and {@code GET /uploads}.
 */
public interface DocumentControl {

    /**
     * The vendor's names in control bodies.
     *
     * @param id            a client's or matter's own id ({@code id}, {@code key})
     * @param client        a matter's or workspace's client ({@code clientId}, {@code clientKey})
     * @param matter        a workspace's matter ({@code matterId}, {@code matterKey})
     * @param defaultAuthor author of documents put without one
     * @param uploadFolder  the folder parameter of {@code GET /uploads}
     */
    record Names(String id, String client, String matter, String defaultAuthor, String uploadFolder) {
    }

    /** A matter workspace with its two standard folders. */
    interface Workspace {
        String workspaceId();

        String clientPortalFolderId();

        String internalFolderId();
    }

    void createClient(String id, String description);

    void createMatter(String clientId, String id, String description);

    /** Whether the store's lists hold the client ({@code matterId == null}) or the client's matter. */
    boolean listed(String clientId, String matterId);

    /** Adds the client and the matter to the lists when missing (the first step of the usual matter set-up). */
    default void listMatter(String clientId, String clientName, String matterId, String description) {
        if (!listed(clientId, null)) {
            createClient(clientId, clientName);
        }
        if (!listed(clientId, matterId)) {
            createMatter(clientId, matterId, description);
        }
    }

    Workspace createMatterWorkspace(String clientId, String clientName, String matterId, String description);

    String createFolder(String parentId, String name);

    String putDocument(String folderId, String name, String extension, byte[] content, String author);

    /** Adds a version; returns the id that now names the document's latest version. */
    String appendVersion(String documentId, byte[] content);

    Map<String, Object> documentProfile(String documentId);

    void updateProfile(String documentId, String field, String value);

    void deleteDocument(String documentId);

    List<String> documentIds(String folderId);

    /** Documents created through the API's upload endpoint. */
    int uploadCount();

    int uploadCount(String folderId);

    /** Registers the routes. */
    static void register(ControlApi control, DocumentControl docs, Names n) {
        String uploadParam = n.uploadFolder();
        control.on("POST", "/clients", (ex, s) -> {
            Map<String, Object> b = body(ex);
            docs.createClient(str(b, n.id()), optStr(b, "description"));
            ex.sendJson(201, Map.of(n.id(), b.get(n.id())));
        });
        control.on("POST", "/matters", (ex, s) -> {
            Map<String, Object> b = body(ex);
            docs.createMatter(str(b, n.client()), str(b, n.id()), optStr(b, "description"));
            ex.sendJson(201, Map.of(n.client(), b.get(n.client()), n.id(), b.get(n.id())));
        });
        control.on("POST", "/workspaces", (ex, s) -> {
            Map<String, Object> b = body(ex);
            ex.sendJson(201, docs.createMatterWorkspace(str(b, n.client()), optStr(b, "clientName"),
                    str(b, n.matter()), str(b, "description")));
        });
        control.on("POST", "/folders", (ex, s) -> {
            Map<String, Object> b = body(ex);
            ex.sendJson(201, Map.of("id", docs.createFolder(str(b, "parentId"), str(b, "name"))));
        });
        control.on("POST", "/documents", (ex, s) -> {
            Map<String, Object> b = body(ex);
            String author = optStr(b, "author");
            String id = docs.putDocument(str(b, "folderId"), str(b, "name"), str(b, "extension"),
                    ControlSupport.content(b), author == null ? n.defaultAuthor() : author);
            ex.sendJson(201, Map.of("id", id));
        });
        control.on("GET", "/documents/*", (ex, s) -> ex.sendJson(200, docs.documentProfile(s[1])));
        control.on("PATCH", "/documents/*", (ex, s) -> {
            for (Map.Entry<String, Object> e : body(ex).entrySet()) {
                docs.updateProfile(s[1], e.getKey(), e.getValue() == null ? null : e.getValue().toString());
            }
            ex.sendJson(200, docs.documentProfile(s[1]));
        });
        control.on("DELETE", "/documents/*", (ex, s) -> {
            docs.deleteDocument(s[1]);
            ex.sendEmpty(204);
        });
        control.on("GET", "/folders/*/documents", (ex, s) -> ex.sendJson(200, docs.documentIds(s[1])));
        control.on("GET", "/uploads", (ex, s) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String folder = ex.param(uploadParam);
            out.put("total", docs.uploadCount());
            if (folder != null) {
                out.put(uploadParam, folder);
                out.put("count", docs.uploadCount(folder));
            }
            ex.sendJson(200, out);
        });
    }
}
