package org.matterhub.connectors.imanage;

import java.time.Instant;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * A folder of a workspace, with the {@code FolderProfile} field names of the iManage connector definition
 * (IM-PP).
 *
 * @param parentId    the workspace or folder it sits in
 * @param workspaceId its workspace
 */
@SnakeCaseJson
public record ImanageFolder(
        String id,
        String name,
        String description,
        String database,
        String parentId,
        String workspaceId,
        String workspaceName,
        String folderType,
        String owner,
        Instant editDate,
        Boolean hasDocuments,
        Boolean hasSubfolders,
        String wstype) {
}
