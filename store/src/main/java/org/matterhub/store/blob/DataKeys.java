package org.matterhub.store.blob;

import java.util.UUID;
import org.matterhub.store.tenancy.TenantScope;

/** Where blob encryption finds a firm's data keys. The firm is always the scope's; no call crosses firms. */
public interface DataKeys {

    /** The key that seals new blobs of the scope's firm, created on first use. */
    DataKey activeKey(TenantScope scope);

    /**
     * The key (active or retired) with this id, if it belongs to the scope's firm.
     *
     * @throws UnknownDataKeyException when the firm has no such key, whether it never existed or is another firm's
     */
    DataKey key(TenantScope scope, UUID keyId);

    /** The firm's key id is unknown: the blob was sealed for another firm, or its header was altered. */
    final class UnknownDataKeyException extends IllegalStateException {
        public UnknownDataKeyException(UUID firmId, UUID keyId) {
            super("Firm " + firmId + " has no data key " + keyId);
        }
    }
}
