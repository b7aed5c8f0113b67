package org.matterhub.mappings.netdocuments;

import org.matterhub.connectors.netdocuments.NetDocumentsItem;
import org.matterhub.mappings.documents.DmsContainer;

/**
 * NetDocuments workspaces and folders → canonical {@link DmsContainer}s. A workspace is addressed by the client and
 * matter lookup keys it is filed under ({@code /v1/Workspace/{cabinet}/{client}/{matter}/info}). Pure.
 */
public final class NetDocumentsContainerMapper {

    private NetDocumentsContainerMapper() {
    }

    /** The workspace of a client/matter pair. */
    public static DmsContainer workspace(NetDocumentsItem ws, String clientKey, String matterKey) {
        return DmsContainer.workspace(ws.id(), ws.name(), clientKey, matterKey);
    }

    /** A folder met while listing {@code parentId} of workspace {@code workspaceId}. */
    public static DmsContainer folder(NetDocumentsItem folder, String parentId, String workspaceId) {
        return DmsContainer.folder(folder.id(), folder.name(), parentId, workspaceId);
    }

    /** A folder as its own profile ({@code folderInfo}) describes it: its parent and workspace are attributes. */
    public static DmsContainer folder(NetDocumentsItem folder) {
        NetDocumentsItem.Standard s = folder.standardAttributes();
        return DmsContainer.folder(folder.id(), folder.name(), s == null ? null : s.parent(), s == null ? null : s.workspace());
    }
}
