package org.matterhub.connectors.clio;

/**
 * The HTTP header names of the Clio connector, in Clio's spelling (matching is case-insensitive); the standard ones it
 * shares with every vendor are {@link org.matterhub.connectors.kernel.HttpHeaderNames} (a contact PATCH sends
 * {@code If-Match} with the contact's {@code ETag}, and Clio answers 412 when it changed).
 */
public final class ClioHeaders {

    /** Request: pins the API minor version (e.g. 4.0.9). Response: echoes the version used. */
    public static final String API_VERSION = "X-API-VERSION";
    /** Requests allowed per window for this access token. */
    public static final String RATE_LIMIT_LIMIT = "X-RateLimit-Limit";
    /** Requests left in the current window. */
    public static final String RATE_LIMIT_REMAINING = "X-RateLimit-Remaining";
    /** End of the current window, unix seconds. */
    public static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";
    /** Webhook handshake: Clio's first POST carries the secret; echo it back in the response header. */
    public static final String HOOK_SECRET = "X-Hook-Secret";
    /** Webhook delivery: lowercase hex HMAC-SHA256 of the raw body under the shared secret. */
    public static final String HOOK_SIGNATURE = "X-Hook-Signature";

    private ClioHeaders() {
    }
}
