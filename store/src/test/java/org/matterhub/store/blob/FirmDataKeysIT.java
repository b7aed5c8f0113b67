package org.matterhub.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.matterhub.store.blob.DataKeys.UnknownDataKeyException;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Per-firm data keys in PostgreSQL, through the application's role and row-level security. */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirmDataKeysIT {

    @Autowired FirmDataKeys keys;
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

    FirmDataKeys fresh() {
        return new FirmDataKeys(tenancy, jdbc, master);
    }

    @Test
    void eachFirmGetsOneStableKeyWhoeverAsks() {
        DataKey a = keys.activeKey(TenantScope.system(firmA));
        DataKey b = keys.activeKey(TenantScope.system(firmB));
        assertThat(a.firmId()).isEqualTo(firmA);
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(b.key().getEncoded()).isNotEqualTo(a.key().getEncoded());
        assertThat(keys.activeKey(TenantScope.staff(firmA, UUID.randomUUID())).id()).isEqualTo(a.id());
        assertThat(keys.activeKey(TenantScope.client(firmA, UUID.randomUUID())).id())
                .as("a client's download is served with its firm's key").isEqualTo(a.id());

        DataKey reloaded = fresh().key(TenantScope.system(firmA), a.id());
        assertThat(reloaded.key().getEncoded()).as("unwrapped from the database, not a cache").isEqualTo(a.key().getEncoded());
        assertThat(a.toString()).doesNotContain(java.util.HexFormat.of().formatHex(a.key().getEncoded()));
    }

    @Test
    void aFirmCannotReachAnotherFirmsKey() {
        DataKey a = keys.activeKey(TenantScope.system(firmA));
        keys.activeKey(TenantScope.system(firmB));
        assertThatThrownBy(() -> keys.key(TenantScope.system(firmB), a.id())).isInstanceOf(UnknownDataKeyException.class);
        assertThatThrownBy(() -> fresh().key(TenantScope.system(firmB), a.id())).isInstanceOf(UnknownDataKeyException.class);
        List<UUID> seenByB = tenancy.read(TenantScope.system(firmB),
                () -> jdbc.queryForList("select firm_id from firm_data_key", UUID.class));
        assertThat(seenByB).isNotEmpty().containsOnly(firmB);
    }

    @Test
    void clientsReadNothingAndTheDatabaseHoldsOnlyWrappedKeys() {
        DataKey a = keys.activeKey(TenantScope.system(firmA));
        assertThat(tenancy.read(TenantScope.client(firmA, UUID.randomUUID()),
                () -> jdbc.queryForObject("select count(*) from firm_data_key", Long.class))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from firm_data_key", Long.class)).as("no scope, no rows").isZero();

        byte[] wrapped = tenancy.read(TenantScope.system(firmA),
                () -> jdbc.queryForObject("select key_enc from firm_data_key where id = ?", byte[].class, a.id()));
        assertThat(new String(wrapped, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(a.key().getEncoded(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(a.key().getEncoded()));
    }

    @Test
    void aWrappedKeyCopiedIntoAnotherFirmDoesNotUnwrap() throws Exception {
        DataKey a = keys.activeKey(TenantScope.system(firmA));
        UUID planted = UUID.randomUUID();
        asOwner("insert into firm_data_key (id, firm_id, key_enc, retired_at) "
                + "select ?, ?, key_enc, now() from firm_data_key where id = ?", planted, firmB, a.id());
        assertThatThrownBy(() -> fresh().key(TenantScope.system(firmB), planted))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be decrypted");
    }

    @Test
    void concurrentFirstUseCreatesOneKey() throws Exception {
        UUID firm = UUID.randomUUID();
        insertFirm(firm);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<UUID>> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Callable<UUID> firstUse = () -> fresh().activeKey(TenantScope.system(firm)).id();
            ids.add(pool.submit(firstUse));
        }
        Set<UUID> distinct = new HashSet<>();
        for (Future<UUID> id : ids) {
            distinct.add(id.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(tenancy.read(TenantScope.system(firm),
                () -> jdbc.queryForObject("select count(*) from firm_data_key", Long.class))).isEqualTo(1);
    }

    @Test
    void rotationRetiresTheOldKeyButKeepsItReadable() throws Exception {
        UUID firm = UUID.randomUUID();
        insertFirm(firm);
        TenantScope scope = TenantScope.system(firm);
        DataKey before = keys.activeKey(scope);
        DataKey after = keys.rotate(scope);
        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(keys.activeKey(scope).id()).isEqualTo(after.id());
        assertThat(fresh().activeKey(scope).id()).isEqualTo(after.id());
        assertThat(fresh().key(scope, before.id()).key().getEncoded()).isEqualTo(before.key().getEncoded());
        assertThat(tenancy.read(scope, () -> jdbc.queryForObject(
                "select count(*) from firm_data_key where retired_at is null", Long.class))).isEqualTo(1);
        assertThatThrownBy(() -> tenancy.writeVoid(scope, () -> jdbc.update("delete from firm_data_key")))
                .rootCause().hasMessageContaining("permission denied");
    }
}
