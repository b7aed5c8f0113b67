package org.matterhub.portal.documents;

import java.util.UUID;

/**
 * Where a matter's client uploads are filed in the firm's document-management system, or why they stay in the
 * portal. The API defines this service-provider interface and the document capability in the routes implements it
 * (as the engine implements {@code SyncControl}): the API knows no vendor, no DMS setting and no filing rule.
 */
public interface UploadDestinations {

    /** A matter's filing place in one DMS connection. */
    record Destination(UUID connectionId, String vendor, String workspaceId, String folderName,
                       String clientNumber, String matterNumber) {
    }

    /** The choice: a destination, or why uploads of this matter stay in the portal. */
    record Choice(Destination destination, String reason) {
        public boolean filed() {
            return destination != null;
        }
    }

    /** The destination of the matter's uploads, read on the firm's side; never shown to a client beyond the folder's name. */
    Choice forMatter(UUID firmId, UUID matterId);
}
