package org.matterhub.connectors.kernel;

/** What the sync engine should do with a failed vendor call. */
public enum ErrorClass {
    /** Transient (I/O, timeout, 5xx, per-minute 429): retry with {@link Backoff}, honouring any Retry-After. */
    RETRIABLE,
    /** Retrying the same request cannot succeed (400, 404, 410, 422, a body we cannot map): dead-letter it. */
    PERMANENT,
    /** A daily or hourly quota is used up: wait for the quota window, do not burn retries. */
    QUOTA_EXHAUSTED,
    /** The grant is revoked, refresh failed, or scopes are missing: stop the connection and alert a firm admin. */
    REAUTHORIZATION_REQUIRED,
    /** Optimistic-concurrency loss (ETag / If-Match 412, stale SyncToken): re-read, re-decide by field ownership. */
    CONFLICT
}
