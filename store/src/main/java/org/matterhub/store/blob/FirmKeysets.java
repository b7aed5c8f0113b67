package org.matterhub.store.blob;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.store.secrets.SealedColumn;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-firm Tink keysets in {@code firm_keyset}, wrapped by the master key ({@link SecretCipher}, as connection
 * tokens are) with associated data {@code firm_keyset:<firm>}, so a wrapped keyset moved to another firm's row does
 * not unwrap.
 *
 * <p>Keysets are read on the firm's side ({@link TenantScope#system}) whatever the caller's actor: a client never
 * reads the table (it has no client policy), but a client's download still needs its firm's keyset. Deciding whether
 * the caller may have the blob at all is the caller's job, against the document tables, before asking for bytes.
 *
 * <p>Unwrapped keysets are cached per firm for {@link #CACHE_TTL}, so a rotation on another node is picked up within
 * that time; the cache is bounded. Nothing here logs key material.
 */
@Component
public class FirmKeysets implements Keysets {

    /** How long a node keeps a keyset before re-reading it (a rotation elsewhere is seen after at most this). */
    public static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final int MAX_CACHED_FIRMS = 4096;

    private final Tenancy tenancy;
    private final JdbcTemplate jdbc;
    private final SecretCipher master;
    private final Clock clock;
    private final Map<UUID, Cached> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Cached> eldest) {
            return size() > MAX_CACHED_FIRMS;
        }
    });

    private record Cached(FirmKeyset keyset, Instant until) {
    }

    @Autowired
    public FirmKeysets(Tenancy tenancy, JdbcTemplate jdbc, SecretCipher master) {
        this(tenancy, jdbc, master, Clock.systemUTC());
    }

    FirmKeysets(Tenancy tenancy, JdbcTemplate jdbc, SecretCipher master, Clock clock) {
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.master = master;
        this.clock = clock;
    }

    @Override
    public FirmKeyset keyset(TenantScope scope) {
        UUID firm = scope.firmId();
        Cached cached = cache.get(firm);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return cached.keyset();
        }
        KeysetHandle handle = tenancy.write(TenantScope.system(firm), () -> {
            KeysetHandle found = load(firm);
            if (found != null) {
                return found;
            }
            // Concurrent creators (two nodes, two threads) race on the primary key; the loser keeps the winner's.
            jdbc.update("insert into firm_keyset (firm_id, keyset_enc) values (?, ?) on conflict (firm_id) do nothing",
                    firm, wrap(firm, Keysets.newKeyset()));
            return load(firm);
        });
        return remember(firm, handle);
    }

    /**
     * Adds a new key to the firm's keyset and makes it primary: new blobs are sealed with it, blobs sealed with the
     * older keys stay readable. Other nodes seal with the new key after at most {@link #CACHE_TTL}.
     */
    public FirmKeyset rotate(TenantScope scope) {
        UUID firm = scope.firmId();
        keyset(scope);
        KeysetHandle rotated = tenancy.write(TenantScope.system(firm), () -> {
            List<byte[]> rows = jdbc.queryForList("select keyset_enc from firm_keyset for update", byte[].class);
            KeysetHandle current = unwrap(firm, rows.get(0));
            try {
                KeysetHandle next = KeysetHandle.newBuilder(current)
                        .addEntry(KeysetHandle.generateEntryFromParameters(PARAMETERS).withRandomId().makePrimary())
                        .build();
                jdbc.update("update firm_keyset set keyset_enc = ?, rotated_at = now()", wrap(firm, next));
                return next;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not rotate the keyset of firm " + firm, e);
            }
        });
        return remember(firm, rotated);
    }

    private FirmKeyset remember(UUID firm, KeysetHandle handle) {
        FirmKeyset keyset = Keysets.primitive(firm, handle);
        cache.put(firm, new Cached(keyset, clock.instant().plus(CACHE_TTL)));
        return keyset;
    }

    private KeysetHandle load(UUID firm) {
        List<byte[]> rows = jdbc.queryForList("select keyset_enc from firm_keyset", byte[].class);
        return rows.isEmpty() ? null : unwrap(firm, rows.get(0));
    }

    private byte[] wrap(UUID firm, KeysetHandle keyset) {
        try {
            byte[] serialized = TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
            return master.encrypt(Base64.getEncoder().encodeToString(serialized), aad(firm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The keyset of firm " + firm + " does not serialize", e);
        }
    }

    private KeysetHandle unwrap(UUID firm, byte[] wrapped) {
        byte[] serialized = Base64.getDecoder().decode(master.decrypt(wrapped, aad(firm)));
        try {
            return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The keyset of firm " + firm + " does not parse", e);
        }
    }

    private static String aad(UUID firm) {
        return SealedColumn.firmKeyset(firm);
    }

    @Override
    public String toString() {
        return "FirmKeysets[cached=" + cache.size() + "]";
    }
}
