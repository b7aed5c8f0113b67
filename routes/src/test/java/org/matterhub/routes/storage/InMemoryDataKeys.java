package org.matterhub.routes.storage;

import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.matterhub.store.blob.DataKey;
import org.matterhub.store.blob.DataKeys;
import org.matterhub.store.tenancy.TenantScope;

/** Firm data keys held in memory, for tests that exercise storage without the database (FirmDataKeysIT covers that). */
final class InMemoryDataKeys implements DataKeys {

    private final Map<UUID, DataKey> active = new ConcurrentHashMap<>();
    private final Map<UUID, DataKey> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Override
    public DataKey activeKey(TenantScope scope) {
        return active.computeIfAbsent(scope.firmId(), firm -> {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            DataKey key = new DataKey(UUID.randomUUID(), firm, new SecretKeySpec(raw, "AES"));
            byId.put(key.id(), key);
            return key;
        });
    }

    @Override
    public DataKey key(TenantScope scope, UUID keyId) {
        DataKey key = byId.get(keyId);
        if (key == null || !key.firmId().equals(scope.firmId())) {
            throw new UnknownDataKeyException(scope.firmId(), keyId);
        }
        return key;
    }
}
