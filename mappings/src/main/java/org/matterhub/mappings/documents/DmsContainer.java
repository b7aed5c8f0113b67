package org.matterhub.mappings.documents;

/**
 * A workspace or folder as a DMS reported it, in the hub's vendor-neutral terms: where documents are filed, and (for
 * a workspace) the client and matter numbers it is filed under, which resolve it to a matter.
 *
 * @param externalId   the vendor's id of the workspace or folder
 * @param kind         {@code workspace} or {@code folder}
 * @param name         its name (the id when the vendor gave none)
 * @param parentId     the workspace or folder it sits in ({@code null} for a workspace)
 * @param workspaceId  its workspace (a workspace's own id)
 * @param clientNumber a workspace's client number, if the vendor files it under one
 * @param matterNumber a workspace's matter number, likewise
 */
public record DmsContainer(String externalId, String kind, String name, String parentId, String workspaceId,
                           String clientNumber, String matterNumber) {

    public static final String WORKSPACE = "workspace";
    public static final String FOLDER = "folder";

    /** A workspace: its own workspace, in no parent. */
    public static DmsContainer workspace(String id, String name, String clientNumber, String matterNumber) {
        return new DmsContainer(id, WORKSPACE, name == null ? id : name, null, id, clientNumber, matterNumber);
    }

    /** A folder in {@code parentId}, of {@code workspaceId}. */
    public static DmsContainer folder(String id, String name, String parentId, String workspaceId) {
        return new DmsContainer(id, FOLDER, name == null ? id : name, parentId, workspaceId, null, null);
    }
}
