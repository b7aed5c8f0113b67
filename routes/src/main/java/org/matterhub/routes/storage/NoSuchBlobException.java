package org.matterhub.routes.storage;

/** No blob is stored under this key for the scope's firm. */
public class NoSuchBlobException extends RuntimeException {

    public NoSuchBlobException(String objectKey, Throwable cause) {
        super("No blob " + objectKey, cause);
    }
}
