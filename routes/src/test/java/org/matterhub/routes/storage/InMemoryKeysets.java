package org.matterhub.routes.storage;

import com.google.crypto.tink.KeysetHandle;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.matterhub.store.blob.FirmKeyset;
import org.matterhub.store.blob.Keysets;
import org.matterhub.store.tenancy.TenantScope;

/** Firm keysets held in memory, for tests that exercise storage without the database (FirmKeysetsIT covers that). */
final class InMemoryKeysets implements Keysets {

    private final Map<UUID, FirmKeyset> keysets = new ConcurrentHashMap<>();

    @Override
    public FirmKeyset keyset(TenantScope scope) {
        return keysets.computeIfAbsent(scope.firmId(), firm -> Keysets.primitive(firm, Keysets.newKeyset()));
    }

    /** Gives the firm a new keyset that holds none of its old keys (as if another firm's were used). */
    void replace(TenantScope scope, KeysetHandle keyset) {
        keysets.put(scope.firmId(), Keysets.primitive(scope.firmId(), keyset));
    }

    void put(TenantScope scope, FirmKeyset keyset) {
        keysets.put(scope.firmId(), keyset);
    }
}
