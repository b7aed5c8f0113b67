package org.matterhub.portal.documents;

import org.matterhub.connectors.kernel.ByteRange;
import java.io.InputStream;
import java.util.Optional;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Where the bytes of document versions live: the portal API's storage seam.
 *
 * <p>The API decides who may read a version (row-level security on {@code document_version}, in the caller's
 * scope) before it asks for bytes; an implementation checks nothing about the caller and is given the scope only
 * to find the firm (its bucket prefix and data key).
 *
 * <p><b>Where the real store plugs in.</b> Production registers one Spring bean of this type backed by the
 * encrypted S3 store ({@code org.matterhub.routes.storage.DocumentBlobStore}, in the routes module, which may depend
 * on portal-api): {@code open} maps to {@code DocumentBlobStore.get(scope, storageKey, range)} and {@code size} to the
 * plaintext length in the blob's header, {@code write} to {@code put} and {@code delete} to {@code delete}. Without
 * that bean the content and upload endpoints answer 503; the integration tests may register a filesystem-backed
 * implementation of their own.
 */
public interface DocumentContentStore {

    /**
     * The plaintext content, or the given range of it. The caller closes the stream.
     *
     * @param range bytes within {@code 0..size-1}; empty for the whole content
     * @throws ContentMissingException when nothing is stored under {@code storageKey}
     */
    InputStream open(TenantScope scope, String storageKey, Optional<ByteRange> range);

    /**
     * The plaintext length in bytes.
     *
     * @throws ContentMissingException when nothing is stored under {@code storageKey}
     */
    long size(TenantScope scope, String storageKey);

    /**
     * Stores content under {@code storageKey}, reading {@code content} to its end as it goes (never holding it whole),
     * replacing anything stored under the key. A source that fails with an {@link java.io.IOException} fails the
     * write and leaves nothing stored under the key.
     *
     * @param declaredLength the content's length if known, else -1
     * @throws java.io.UncheckedIOException when the source fails or the store cannot take the content
     */
    StoredContent write(TenantScope scope, String storageKey, InputStream content, long declaredLength);

    /** Removes what is stored under {@code storageKey}; removing nothing is not an error. */
    void delete(TenantScope scope, String storageKey);

    /**
     * What {@link #write} stored.
     *
     * @param size   plaintext bytes
     * @param sha256 SHA-256 of the plaintext, lower-case hex
     */
    record StoredContent(String storageKey, long size, String sha256) {
    }

    /** Nothing is stored under a key the document tables name. */
    class ContentMissingException extends RuntimeException {
        public ContentMissingException(String storageKey) {
            super("No content stored under " + storageKey);
        }
    }
}
