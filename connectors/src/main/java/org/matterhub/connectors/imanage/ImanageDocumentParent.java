package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * One row of the document-parents crawl ({@code POST …/sync/documents/parents/search}, IM-DF for the path): a
 * document filed in a folder. Field names are an assumption (simulators/README.md): iManage documents the endpoint,
 * not its rows.
 *
 * @param documentId     {@code LIB!number.version} of the document's latest version
 * @param documentNumber the number shared by all versions
 * @param parentId       the folder (or workspace) it is filed in
 * @param workspaceId    that folder's workspace
 */
@SnakeCaseJson
public record ImanageDocumentParent(String documentId,
                                    Long documentNumber,
                                    String parentId,
                                    String workspaceId) {

    /** {@code LIB!number}: the document without its version. */
    public String documentKey() {
        int dot = documentId == null ? -1 : documentId.lastIndexOf('.');
        return dot < 0 ? documentId : documentId.substring(0, dot);
    }
}
