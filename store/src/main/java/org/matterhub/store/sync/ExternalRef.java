package org.matterhub.store.sync;

import java.time.Instant;
import java.util.UUID;

/** Link between a vendor record and the portal row it became, with the vendor's concurrency token and our hash. */
public record ExternalRef(UUID connectionId, String system, String entityType, String externalId, UUID localId,
                          String etag, String contentHash, Instant sourceUpdatedAt, Instant deletedAt) {
}
