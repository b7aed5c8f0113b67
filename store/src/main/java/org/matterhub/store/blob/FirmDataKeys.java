package org.matterhub.store.blob;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-firm data keys in {@code firm_data_key}, wrapped by the master key ({@link SecretCipher}) with associated data
 * {@code firm_data_key:<firm>:<id>}, so a wrapped key moved to another firm or id does not unwrap.
 *
 * <p>Keys are read on the firm's side ({@link TenantScope#system}) whatever the caller's actor: a client never
 * reads the table (it has no client policy), but a client's download still needs its firm's key. Deciding whether
 * the caller may have the blob at all is the caller's job, against the document tables, before asking for bytes.
 *
 * <p>Unwrapped keys are cached by (firm, key id), so a lookup from another firm never hits a cache entry it could
 * not read from the database; the cache is bounded, and which key is active is re-read after
 * {@link #ACTIVE_KEY_TTL} so a rotation on another node is picked up. Nothing here logs key material.
 */
@Component
public class FirmDataKeys implements DataKeys {

    /** How long a node keeps sealing with the active key it last saw after another node rotated it. */
    public static final Duration ACTIVE_KEY_TTL = Duration.ofMinutes(5);
    private static final int MAX_CACHED_KEYS = 4096;

    private final Tenancy tenancy;
    private final JdbcTemplate jdbc;
    private final SecretCipher master;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<KeyRef, DataKey> unwrapped = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<KeyRef, DataKey> eldest) {
                    return size() > MAX_CACHED_KEYS;
                }
            });
    private final Map<UUID, Active> active = new ConcurrentHashMap<>();

    private record KeyRef(UUID firmId, UUID keyId) {
    }

    private record Active(UUID keyId, Instant until) {
    }

    @Autowired
    public FirmDataKeys(Tenancy tenancy, JdbcTemplate jdbc, SecretCipher master) {
        this(tenancy, jdbc, master, Clock.systemUTC());
    }

    FirmDataKeys(Tenancy tenancy, JdbcTemplate jdbc, SecretCipher master, Clock clock) {
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.master = master;
        this.clock = clock;
    }

    @Override
    public DataKey activeKey(TenantScope scope) {
        UUID firm = scope.firmId();
        Active current = active.get(firm);
        if (current != null && clock.instant().isBefore(current.until())) {
            DataKey cached = unwrapped.get(new KeyRef(firm, current.keyId()));
            if (cached != null) {
                return cached;
            }
        }
        DataKey key = tenancy.write(TenantScope.system(firm), () -> {
            DataKey found = loadActive(firm);
            if (found != null) {
                return found;
            }
            insert(firm);
            return loadActive(firm);
        });
        remember(key);
        return key;
    }

    @Override
    public DataKey key(TenantScope scope, UUID keyId) {
        UUID firm = scope.firmId();
        DataKey cached = unwrapped.get(new KeyRef(firm, keyId));
        if (cached != null) {
            return cached;
        }
        List<byte[]> wrapped = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForList(
                "select key_enc from firm_data_key where id = ?", byte[].class, keyId));
        if (wrapped.isEmpty()) {
            throw new UnknownDataKeyException(firm, keyId);
        }
        DataKey key = unwrap(firm, keyId, wrapped.get(0));
        unwrapped.put(new KeyRef(firm, keyId), key);
        return key;
    }

    /** Retires the firm's active key and creates a new one; blobs sealed under retired keys stay readable. */
    public DataKey rotate(TenantScope scope) {
        UUID firm = scope.firmId();
        DataKey key = tenancy.write(TenantScope.system(firm), () -> {
            jdbc.update("update firm_data_key set retired_at = now() where retired_at is null");
            insert(firm);
            return loadActive(firm);
        });
        remember(key);
        return key;
    }

    private void remember(DataKey key) {
        unwrapped.put(new KeyRef(key.firmId(), key.id()), key);
        active.put(key.firmId(), new Active(key.id(), clock.instant().plus(ACTIVE_KEY_TTL)));
    }

    private DataKey loadActive(UUID firm) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, key_enc from firm_data_key where retired_at is null");
        if (rows.isEmpty()) {
            return null;
        }
        UUID id = (UUID) rows.get(0).get("id");
        DataKey cached = unwrapped.get(new KeyRef(firm, id));
        return cached != null ? cached : unwrap(firm, id, (byte[]) rows.get(0).get("key_enc"));
    }

    /** Concurrent creators (two nodes, two threads) race on the one-active-key index; the loser keeps the winner's. */
    private void insert(UUID firm) {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[32];
        random.nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Arrays.fill(key, (byte) 0);
        jdbc.update("insert into firm_data_key (id, firm_id, key_enc) values (?, ?, ?) "
                + "on conflict (firm_id) where retired_at is null do nothing", id, firm, master.encrypt(encoded, aad(firm, id)));
    }

    private DataKey unwrap(UUID firm, UUID id, byte[] wrapped) {
        byte[] raw = Base64.getDecoder().decode(master.decrypt(wrapped, aad(firm, id)));
        try {
            return new DataKey(id, firm, new SecretKeySpec(raw, "AES"));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static String aad(UUID firm, UUID id) {
        return "firm_data_key:" + firm + ":" + id;
    }

    @Override
    public String toString() {
        return "FirmDataKeys[cached=" + unwrapped.size() + "]";
    }
}
