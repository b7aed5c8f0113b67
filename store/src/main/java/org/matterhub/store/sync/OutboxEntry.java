package org.matterhub.store.sync;

import java.util.UUID;

/** A portal change waiting to reach a vendor. {@code idempotencyKey} is stable across every retry. */
public record OutboxEntry(long id, UUID firmId, UUID connectionId, String kind, String aggregateType, UUID aggregateId,
                          String payload, String idempotencyKey, int attempts) {
}
