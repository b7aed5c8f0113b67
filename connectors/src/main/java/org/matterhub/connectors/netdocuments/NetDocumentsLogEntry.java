package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One repository activity-log entry ({@code GET /v1/Repository/{id}/log}; params ND-PP, fields assumed).
 *
 * @param action     e.g. {@code Create}, {@code New Version}, {@code Edit Profile}, {@code Delete},
 *                   {@code Create Folder}, {@code Create Workspace}
 * @param objectType {@code document}, {@code folder} or {@code workspace}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsLogEntry(Instant date, String action, String objectType, String objectId,
                                   String objectName, String cabinet, String user) {

    /** Whether the entry records a deletion (a tombstone for the sync engine). */
    public boolean isDelete() {
        return action != null && action.toLowerCase(java.util.Locale.ROOT).startsWith("delete");
    }

    /** Whether the entry concerns a document. */
    public boolean isDocument() {
        return "document".equalsIgnoreCase(objectType);
    }
}
