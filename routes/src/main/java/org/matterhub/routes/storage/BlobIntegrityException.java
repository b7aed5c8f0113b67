package org.matterhub.routes.storage;

import java.io.IOException;

/**
 * A stored blob failed authentication: a segment was altered, reordered, truncated, spliced from another blob, or
 * sealed under a key the firm's keyset does not hold. No plaintext of a failing segment is ever released.
 */
public class BlobIntegrityException extends IOException {

    public BlobIntegrityException(String message) {
        super(message);
    }

    public BlobIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
