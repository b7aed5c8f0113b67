package org.matterhub.store.blob;

import java.util.Objects;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * A firm's unwrapped 256-bit data key. Lives in memory only; {@link #toString()} never shows the key.
 *
 * @param id     the key's row id, written into every blob header it seals
 * @param firmId the firm the key belongs to
 * @param key    the AES-256 key material
 */
public record DataKey(UUID id, UUID firmId, SecretKey key) {

    public DataKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "DataKey[id=" + id + ", firmId=" + firmId + ", key=***]";
    }
}
