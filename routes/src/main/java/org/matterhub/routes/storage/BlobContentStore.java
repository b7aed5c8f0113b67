package org.matterhub.routes.storage;

import org.matterhub.connectors.kernel.ByteRange;
import java.io.InputStream;
import java.util.Optional;
import org.matterhub.portal.documents.DocumentContentStore;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The portal's {@link DocumentContentStore} over the encrypted S3 store: {@code document_version.storage_key} is the
 * blob's object key within the firm's prefix.
 */
public class BlobContentStore implements DocumentContentStore {

    private final DocumentBlobStore blobs;

    public BlobContentStore(DocumentBlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public InputStream open(TenantScope scope, String storageKey, Optional<ByteRange> range) {
        try {
            return blobs.get(scope, storageKey, range);
        } catch (NoSuchBlobException e) {
            throw new ContentMissingException(storageKey);
        }
    }

    @Override
    public StoredContent write(TenantScope scope, String storageKey, InputStream content, long declaredLength) {
        StoredBlob blob = blobs.put(scope, storageKey, content, declaredLength);
        return new StoredContent(blob.objectKey(), blob.size(), blob.sha256());
    }

    @Override
    public void delete(TenantScope scope, String storageKey) {
        blobs.delete(scope, storageKey);
    }

    @Override
    public long size(TenantScope scope, String storageKey) {
        try {
            return blobs.size(scope, storageKey);
        } catch (NoSuchBlobException e) {
            throw new ContentMissingException(storageKey);
        }
    }
}
