package org.matterhub.store.sync;

import java.time.Instant;
import java.util.UUID;

/** Work that failed past its retry budget, kept with its payload and error for ops to inspect and replay. */
public record DeadLetter(long id, UUID connectionId, String source, Long sourceId, String payload, String error,
                         String errorClass, int attempts, String status, Instant createdAt, Instant replayedAt) {
}
