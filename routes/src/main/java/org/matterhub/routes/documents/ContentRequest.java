package org.matterhub.routes.documents;

import java.util.UUID;

/**
 * A version whose bytes the portal needs (its document is a candidate or published): fetched from the DMS into the
 * encrypted store outside the sync's transaction.
 */
public record ContentRequest(UUID connectionId, String vendor, String externalId, UUID documentId, int versionNumber,
                             int sourceVersion, String fileName, Long size) {
}
