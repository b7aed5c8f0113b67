package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A folder of a workspace, with the {@code FolderProfile} field names of the iManage connector definition
 * (IM-PP).
 *
 * @param parentId    the workspace or folder it sits in
 * @param workspaceId its workspace
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImanageFolder(
        String id,
        String name,
        String description,
        String database,
        @JsonProperty("parent_id") String parentId,
        @JsonProperty("workspace_id") String workspaceId,
        @JsonProperty("workspace_name") String workspaceName,
        @JsonProperty("folder_type") String folderType,
        String owner,
        @JsonProperty("edit_date") Instant editDate,
        @JsonProperty("has_documents") Boolean hasDocuments,
        @JsonProperty("has_subfolders") Boolean hasSubfolders,
        String wstype) {
}
