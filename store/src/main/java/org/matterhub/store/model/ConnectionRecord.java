package org.matterhub.store.model;

import java.time.Instant;
import java.util.UUID;

/** A firm's link to one vendor account. Tokens stay encrypted and are not part of this view. */
public record ConnectionRecord(UUID id, UUID firmId, String vendor, String displayName, String status, String baseUrl,
                               boolean webhooksEnabled, Instant lastPollAt, Instant lastSuccessAt, String lastError,
                               Instant lastErrorAt, long errorCount, Integer rateLimitLimit, Integer rateLimitRemaining,
                               Instant rateLimitResetAt) {
}
