package org.matterhub.store.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.StoreTestApplication;
import org.matterhub.store.blob.FirmKeysets;
import org.matterhub.store.blob.LegacyDataKeys;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.WebhookSubscriptionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Rotating the master key over the real store, through the application's role and row-level security: every sealed
 * column of two firms (connection tokens, webhook secrets, Tink keysets, legacy data keys; format 1 envelopes among
 * them) is re-encrypted, a run broken off half-way is run again, and afterwards everything opens with the new key alone.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=4")
class MasterKeyRotationIT {

    @Autowired Tenancy tenancy;
    @Autowired JdbcTemplate jdbc;
    @Autowired StoreEndpoint endpoint;

    final byte[] oldKey = random(32);
    final byte[] newKey = random(32);
    final SecretCipher before = new SecretCipher(oldKey);
    final SecretCipher during = new SecretCipher(newKey, List.of(oldKey));
    final SecretCipher after = new SecretCipher(newKey);

    /** What each firm's secrets say in plaintext, to compare after the rotation. */
    record Firm(UUID id, Map<UUID, String> tokens, Map<UUID, String> hookSecrets, byte[] blob, UUID dataKeyId,
                byte[] dataKey) {
    }

    @Test
    void everySecretIsReencryptedAnInterruptedRunResumesAndTheOldKeyCanGo() throws Exception {
        List<Firm> firms = List.of(seed(), seed());
        List<UUID> ids = firms.stream().map(Firm::id).toList();
        int sealed = countSealed(ids);
        assertThat(sealed).isEqualTo(2 * (3 + 2 + 1 + 1));

        MasterKeyRotation rotation = new MasterKeyRotation(tenancy, jdbc, during);
        AtomicInteger rewritten = new AtomicInteger();
        assertThatThrownBy(() -> rotation.rotate(ids, (column, firm) -> {
            if (rewritten.incrementAndGet() == 5) {
                throw new IllegalStateException("the operator's session dropped");
            }
        })).hasMessageContaining("dropped");
        // Each row commits on its own: the five rewritten before the break stay done, the rest still under the old key.
        assertThat(countUnder(ids, after.primaryKeyId())).isEqualTo(5);
        firms.forEach(f -> assertSecretsOpen(f, during));

        MasterKeyRotation.Report resumed = rotation.rotate(ids, MasterKeyRotation.Progress.NONE);
        assertThat(resumed.rewritten()).isEqualTo(sealed - 5);
        assertThat(resumed.current()).isEqualTo(5);
        assertThat(resumed.failed()).isZero();
        assertThat(countUnder(ids, after.primaryKeyId())).isEqualTo(sealed);
        MasterKeyRotation.Report again = rotation.rotate(ids, MasterKeyRotation.Progress.NONE);
        assertThat(again.rewritten()).as("a finished rotation run again changes nothing").isZero();
        assertThat(again.current()).isEqualTo(sealed);

        // The old key removed from configuration: every secret still opens, with the new key alone, nothing lost.
        firms.forEach(f -> assertSecretsOpen(f, after));
        UUID connection = firms.get(0).tokens().keySet().iterator().next();
        assertThatThrownBy(() -> tenancy.read(TenantScope.system(firms.get(0).id()),
                () -> new ConnectionRepository(jdbc, before).loadTokens(connection)))
                .as("the old key alone no longer opens anything").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEnvelopeNoConfiguredKeyOpensIsCountedAndLeftAsItIs() throws Exception {
        UUID firm = insertFirm();
        SecretCipher stranger = new SecretCipher(random(32));
        UUID connection = tenancy.write(TenantScope.system(firm), () -> {
            ConnectionRepository repo = new ConnectionRepository(jdbc, stranger);
            UUID id = repo.create("clio", "Lost key", "https://app.clio.com");
            repo.saveTokens(id, "{\"access_token\":\"unknown\"}");
            return id;
        });
        byte[] envelope = envelope(firm, connection);

        MasterKeyRotation.Report report = new MasterKeyRotation(tenancy, jdbc, during)
                .rotate(List.of(firm), MasterKeyRotation.Progress.NONE);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.rewritten()).isZero();
        assertThat(envelope(firm, connection)).isEqualTo(envelope);
    }

    @Test
    void envelopesNameTheirKeyAndFormatOneStillOpens() {
        byte[] sealed = during.encrypt("secret", "aad");
        assertThat(SecretCipher.keyIdOf(sealed)).isEqualTo(during.primaryKeyId()).isEqualTo(after.primaryKeyId());
        assertThat(during.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(during.keyIds()).containsExactly(after.primaryKeyId(), before.primaryKeyId());
        assertThat(before.decrypt(before.encrypt("x", "aad"), "aad")).isEqualTo("x");
        assertThatThrownBy(() -> before.decrypt(sealed, "aad")).hasMessageContaining(after.primaryKeyId());
        assertThatThrownBy(() -> after.decrypt(sealed, "other aad")).isInstanceOf(IllegalStateException.class);
        byte[] legacy = formatOne(oldKey, "secret", "aad");
        assertThat(SecretCipher.keyIdOf(legacy)).isEqualTo("none");
        assertThat(during.decrypt(legacy, "aad")).isEqualTo("secret");
        assertThatThrownBy(() -> after.decrypt(legacy, "aad")).isInstanceOf(IllegalStateException.class);
        assertThat(during.toString()).doesNotContain(Base64.getEncoder().encodeToString(oldKey));
    }

    Firm seed() throws Exception {
        UUID firm = insertFirm();
        Map<UUID, String> tokens = new LinkedHashMap<>();
        Map<UUID, String> hooks = new LinkedHashMap<>();
        tenancy.writeVoid(TenantScope.system(firm), () -> {
            ConnectionRepository connections = new ConnectionRepository(jdbc, before);
            WebhookSubscriptionRepository subscriptions = new WebhookSubscriptionRepository(jdbc, before);
            for (String vendor : List.of("clio", "imanage", "xero")) {
                UUID id = connections.create(vendor, vendor + " of " + firm, "https://" + vendor + ".example");
                String json = "{\"access_token\":\"" + UUID.randomUUID() + "\",\"refresh_token\":\"" + vendor + "\"}";
                connections.saveTokens(id, json);
                tokens.put(id, json);
            }
            UUID first = tokens.keySet().iterator().next();
            for (String hook : List.of("hook-1", "hook-2")) {
                String secret = UUID.randomUUID().toString();
                subscriptions.upsert(first, hook, "matter", secret, "enabled", null);
                hooks.put(UUID.nameUUIDFromBytes(hook.getBytes(StandardCharsets.UTF_8)), hook + "=" + secret);
            }
        });
        // One connection's tokens as the hub wrote them before key ids (format 1): the migration path.
        UUID legacy = tokens.keySet().stream().skip(2).findFirst().orElseThrow();
        tenancy.writeVoid(TenantScope.system(firm), () -> jdbc.update("update connection set tokens_enc = ? where id = ?",
                formatOne(oldKey, tokens.get(legacy), SealedColumn.connectionTokens(legacy)), legacy));
        byte[] blob = sealBlob(new FirmKeysets(tenancy, jdbc, before).keyset(TenantScope.system(firm)).aead());
        UUID dataKeyId = UUID.randomUUID();
        byte[] dataKey = random(32);
        asOwner("insert into firm_data_key (id, firm_id, key_enc) values (?, ?, ?)", dataKeyId, firm,
                formatOne(oldKey, Base64.getEncoder().encodeToString(dataKey), SealedColumn.firmDataKey(firm, dataKeyId)));
        return new Firm(firm, tokens, hooks, blob, dataKeyId, dataKey);
    }

    void assertSecretsOpen(Firm firm, SecretCipher cipher) {
        TenantScope scope = TenantScope.system(firm.id());
        ConnectionRepository connections = new ConnectionRepository(jdbc, cipher);
        WebhookSubscriptionRepository subscriptions = new WebhookSubscriptionRepository(jdbc, cipher);
        UUID first = firm.tokens().keySet().iterator().next();
        tenancy.read(scope, () -> {
            firm.tokens().forEach((id, json) -> assertThat(connections.loadTokens(id)).contains(json));
            firm.hookSecrets().values().forEach(pair -> {
                String[] hookAndSecret = pair.split("=", 2);
                assertThat(subscriptions.secret(first, hookAndSecret[0])).contains(hookAndSecret[1]);
            });
            return null;
        });
        StreamingAead aead = new FirmKeysets(tenancy, jdbc, cipher).keyset(scope).aead();
        assertThat(openBlob(aead, firm.blob())).isEqualTo("privileged");
        assertThat(new LegacyDataKeys(tenancy, jdbc, cipher).key(firm.id(), firm.dataKeyId())).isEqualTo(firm.dataKey());
    }

    int countSealed(List<UUID> firms) {
        return each(firms).size();
    }

    int countUnder(List<UUID> firms, String keyId) {
        return (int) each(firms).stream().filter(e -> keyId.equals(SecretCipher.keyIdOf(e))).count();
    }

    List<byte[]> each(List<UUID> firms) {
        List<byte[]> all = new ArrayList<>();
        for (UUID firm : firms) {
            for (SealedColumn column : SealedColumn.ALL) {
                all.addAll(tenancy.read(TenantScope.system(firm), () -> jdbc.queryForList("select " + column.column()
                        + " from " + column.table() + " where " + column.column() + " is not null", byte[].class)));
            }
        }
        return all;
    }

    byte[] envelope(UUID firm, UUID connection) {
        return tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject(
                "select tokens_enc from connection where id = ?", byte[].class, connection));
    }

    UUID insertFirm() throws Exception {
        UUID firm = UUID.randomUUID();
        asOwner("insert into firm (id, name, slug) values (?, 'Rotation', ?)", firm, "rotation-" + firm);
        return firm;
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

    /** The envelope the hub wrote before key ids: format byte 1, nonce, AES-256-GCM over the associated data alone. */
    static byte[] formatOne(byte[] key, String plaintext, String aad) {
        try {
            byte[] nonce = random(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + 12 + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sealBlob(StreamingAead aead) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream enc = aead.newEncryptingStream(out, "blob".getBytes(StandardCharsets.UTF_8))) {
                enc.write("privileged".getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String openBlob(StreamingAead aead, byte[] sealed) {
        try (InputStream in = aead.newDecryptingStream(new ByteArrayInputStream(sealed), "blob".getBytes(StandardCharsets.UTF_8))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
