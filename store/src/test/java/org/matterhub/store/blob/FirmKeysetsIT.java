package org.matterhub.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.StoreTestApplication;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Per-firm Tink keysets in PostgreSQL, through the application's role and row-level security. */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirmKeysetsIT {

    @Autowired FirmKeysets keys;
    @Autowired Tenancy tenancy;
    @Autowired JdbcTemplate jdbc;
    @Autowired SecretCipher master;
    @Autowired StoreEndpoint endpoint;

    final UUID firmA = UUID.randomUUID();
    final UUID firmB = UUID.randomUUID();

    @BeforeAll
    void seed() throws Exception {
        insertFirm(firmA);
        insertFirm(firmB);
    }

    void insertFirm(UUID firm) throws Exception {
        asOwner("insert into firm (id, name, slug) values (?, 'Keys', ?)", firm, "keys-" + firm);
    }

    void asOwner(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    FirmKeysets fresh() {
        return new FirmKeysets(tenancy, jdbc, master);
    }

    static final byte[] PLAINTEXT = "privileged and confidential".getBytes(StandardCharsets.UTF_8);

    static byte[] seal(FirmKeyset keyset, String aad) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = keyset.aead().newEncryptingStream(out, aad.getBytes(StandardCharsets.UTF_8))) {
            enc.write(PLAINTEXT);
        }
        return out.toByteArray();
    }

    static byte[] open(StreamingAead aead, byte[] sealed, String aad) throws IOException {
        try (InputStream in = aead.newDecryptingStream(new ByteArrayInputStream(sealed), aad.getBytes(StandardCharsets.UTF_8))) {
            return in.readAllBytes();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Test
    void eachFirmGetsOneStableKeysetWhoeverAsks() throws Exception {
        FirmKeyset a = keys.keyset(TenantScope.system(firmA));
        FirmKeyset b = keys.keyset(TenantScope.system(firmB));
        assertThat(a.firmId()).isEqualTo(firmA);
        assertThat(b.primaryKeyId()).isNotEqualTo(a.primaryKeyId());
        byte[] sealedForA = seal(a, "blob");
        assertThatThrownBy(() -> open(b.aead(), sealedForA, "blob")).as("firm B's keyset is another key")
                .isInstanceOf(IOException.class);
        assertThat(keys.keyset(TenantScope.staff(firmA, UUID.randomUUID())).primaryKeyId()).isEqualTo(a.primaryKeyId());
        assertThat(keys.keyset(TenantScope.client(firmA, UUID.randomUUID())).primaryKeyId())
                .as("a client's download is served with its firm's keyset").isEqualTo(a.primaryKeyId());

        FirmKeyset reloaded = fresh().keyset(TenantScope.system(firmA));
        assertThat(open(reloaded.aead(), sealedForA, "blob")).as("unwrapped from the database, not a cache")
                .isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> open(reloaded.aead(), sealedForA, "another blob")).isInstanceOf(IOException.class);
        assertThat(a.toString()).doesNotContain("aead").contains(Integer.toUnsignedString(a.primaryKeyId()));
    }

    @Test
    void aFirmCannotReachAnotherFirmsKeyset() {
        keys.keyset(TenantScope.system(firmA));
        keys.keyset(TenantScope.system(firmB));
        List<UUID> seenByB = tenancy.read(TenantScope.system(firmB),
                () -> jdbc.queryForList("select firm_id from firm_keyset", UUID.class));
        assertThat(seenByB).isNotEmpty().containsOnly(firmB);
    }

    @Test
    void clientsReadNothingAndTheDatabaseHoldsOnlyWrappedKeysets() throws Exception {
        keys.keyset(TenantScope.system(firmA));
        assertThat(tenancy.read(TenantScope.client(firmA, UUID.randomUUID()),
                () -> jdbc.queryForObject("select count(*) from firm_keyset", Long.class))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from firm_keyset", Long.class)).as("no scope, no rows").isZero();

        byte[] wrapped = tenancy.read(TenantScope.system(firmA),
                () -> jdbc.queryForObject("select keyset_enc from firm_keyset", byte[].class));
        String unwrapped = master.decrypt(wrapped, "firm_keyset:" + firmA);
        byte[] serialized = java.util.Base64.getDecoder().decode(unwrapped);
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(serialized, StandardCharsets.ISO_8859_1))
                .doesNotContain(unwrapped.substring(0, 24));
        assertThatThrownBy(() -> master.decrypt(wrapped, "firm_keyset:" + firmB)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWrappedKeysetCopiedIntoAnotherFirmDoesNotUnwrap() throws Exception {
        UUID victim = UUID.randomUUID();
        UUID thief = UUID.randomUUID();
        insertFirm(victim);
        insertFirm(thief);
        keys.keyset(TenantScope.system(victim));
        asOwner("insert into firm_keyset (firm_id, keyset_enc) select ?, keyset_enc from firm_keyset where firm_id = ?",
                thief, victim);
        assertThatThrownBy(() -> fresh().keyset(TenantScope.system(thief)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be decrypted");
    }

    @Test
    void concurrentFirstUseCreatesOneKeyset() throws Exception {
        UUID firm = UUID.randomUUID();
        insertFirm(firm);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Callable<Integer> firstUse = () -> fresh().keyset(TenantScope.system(firm)).primaryKeyId();
            ids.add(pool.submit(firstUse));
        }
        Set<Integer> distinct = new HashSet<>();
        for (Future<Integer> id : ids) {
            distinct.add(id.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(tenancy.read(TenantScope.system(firm),
                () -> jdbc.queryForObject("select count(*) from firm_keyset", Long.class))).isEqualTo(1);
    }

    @Test
    void rotationAddsAPrimaryKeyButKeepsTheOldOneReadable() throws Exception {
        UUID firm = UUID.randomUUID();
        insertFirm(firm);
        TenantScope scope = TenantScope.system(firm);
        FirmKeyset before = keys.keyset(scope);
        byte[] sealedBefore = seal(before, "old");
        FirmKeyset after = keys.rotate(scope);
        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(keys.keyset(scope).primaryKeyId()).isEqualTo(after.primaryKeyId());
        assertThat(fresh().keyset(scope).primaryKeyId()).isEqualTo(after.primaryKeyId());
        assertThat(open(fresh().keyset(scope).aead(), sealedBefore, "old")).isEqualTo(PLAINTEXT);
        byte[] sealedAfter = seal(after, "new");
        assertThatThrownBy(() -> open(before.aead(), sealedAfter, "new")).as("the old keyset lacks the new key")
                .isInstanceOf(IOException.class);
        assertThat(tenancy.read(scope, () -> jdbc.queryForObject("select count(*) from firm_keyset", Long.class)))
                .isEqualTo(1);
        assertThatThrownBy(() -> tenancy.writeVoid(scope, () -> jdbc.update("delete from firm_keyset")))
                .rootCause().hasMessageContaining("permission denied");
    }
}
