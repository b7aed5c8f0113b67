package org.matterhub.store.blob;

import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.matterhub.store.secrets.SealedColumn;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The data keys of the envelope that sealed blobs before Tink (table {@code firm_data_key}, V7), read only to open
 * those blobs once and re-encrypt them under the firm's keyset ({@code org.matterhub.routes.storage
 * .LegacyBlobMigration}). A key is unwrapped by the master key with associated data {@code firm_data_key:<firm>:<id>},
 * on the firm's side. Nothing here creates or logs keys. Goes, with the table, once every deployment has migrated.
 */
@Component
public class LegacyDataKeys {

    private final Tenancy tenancy;
    private final JdbcTemplate jdbc;
    private final SecretCipher master;

    public LegacyDataKeys(Tenancy tenancy, JdbcTemplate jdbc, SecretCipher master) {
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.master = master;
    }

    /**
     * The 32-byte AES key {@code keyId} of {@code firm}.
     *
     * @throws IllegalStateException when the firm has no such key (another firm's, or none), or it does not unwrap
     */
    public byte[] key(UUID firm, UUID keyId) {
        List<byte[]> wrapped = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForList(
                "select key_enc from firm_data_key where id = ?", byte[].class, keyId));
        if (wrapped.isEmpty()) {
            throw new IllegalStateException("Firm " + firm + " has no data key " + keyId);
        }
        return Base64.getDecoder().decode(master.decrypt(wrapped.get(0), SealedColumn.firmDataKey(firm, keyId)));
    }
}
