package org.matterhub.store.blob;

import java.io.IOException;

/**
 * A stored blob failed authentication: a chunk was altered, reordered, truncated, spliced from another blob, or
 * sealed under another key. No plaintext of a failing chunk is ever released.
 */
public class BlobIntegrityException extends IOException {

    public BlobIntegrityException(String message) {
        super(message);
    }

    public BlobIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
