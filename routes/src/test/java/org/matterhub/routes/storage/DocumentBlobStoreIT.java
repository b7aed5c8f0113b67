package org.matterhub.routes.storage;

import org.matterhub.connectors.kernel.ByteRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.blob.FirmKeysets;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Document storage as the application wires it: firm keysets in the embedded PostgreSQL behind row-level
 * security, Camel's aws2-s3 component, and S3Proxy as the object store.
 */
@SpringBootTest(classes = StorageTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"matterhub.store.pool-size=3", "camel.main.name=storage-it"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentBlobStoreIT {

    static final String BUCKET = "documents-it";
    static S3ProxyServer server;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws Exception {
        server = S3ProxyServer.inMemory();
        server.clientWithBucket(server.properties(BUCKET)).close();
        registry.add("matterhub.storage.endpoint", () -> server.endpoint().toString());
        registry.add("matterhub.storage.bucket", () -> BUCKET);
        registry.add("matterhub.storage.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("matterhub.storage.secret-key", () -> S3ProxyServer.SECRET_KEY);
        registry.add("matterhub.storage.path-style", () -> "true");
    }

    @Autowired DocumentBlobStore store;
    @Autowired FirmKeysets keys;
    @Autowired S3Client s3;
    @Autowired CamelContext camel;
    @Autowired StoreEndpoint endpoint;
    @Autowired StorageProperties properties;
    @Autowired LegacyBlobMigration legacyMigration;
    @Autowired SecretCipher master;

    final UUID firmA = UUID.randomUUID();
    final UUID firmB = UUID.randomUUID();
    final Random random = new Random(3);

    @BeforeAll
    void firms() throws Exception {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             PreparedStatement ps = c.prepareStatement("insert into firm (id, name, slug) values (?, 'Blob firm', ?)")) {
            for (UUID firm : new UUID[] {firmA, firmB}) {
                ps.setObject(1, firm);
                ps.setString(2, "blobs-" + firm);
                ps.execute();
            }
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    byte[] stored(TenantScope scope, String key) {
        return s3.getObject(GetObjectRequest.builder().bucket(BUCKET).key(store.storageKey(scope, key)).build(),
                ResponseTransformer.toBytes()).asByteArray();
    }

    @Test
    void blobsAreSealedUnderTheFirmsOwnKeysetFromTheDatabase() throws Exception {
        TenantScope a = TenantScope.system(firmA);
        TenantScope b = TenantScope.staff(firmB, null);
        byte[] data = randomBytes(300_000);
        StoredBlob inA = store.put(a, "matters/1/contract.pdf", new ByteArrayInputStream(data), -1);
        StoredBlob inB = store.put(b, "matters/1/contract.pdf", new ByteArrayInputStream(data), data.length);

        assertThat(inA.keyId()).isEqualTo(keys.keyset(a).primaryKeyId());
        assertThat(inB.keyId()).isEqualTo(keys.keyset(b).primaryKeyId()).isNotEqualTo(inA.keyId());
        assertThat(Arrays.copyOfRange(stored(a, "matters/1/contract.pdf"), SegmentLayout.HEADER_BYTES, 200))
                .isNotEqualTo(Arrays.copyOfRange(stored(b, "matters/1/contract.pdf"), SegmentLayout.HEADER_BYTES, 200));
        assertThat(DocumentBlobStoreTest.read(store.get(a, "matters/1/contract.pdf", Optional.empty()))).isEqualTo(data);
        assertThat(DocumentBlobStoreTest.read(store.get(b, "matters/1/contract.pdf",
                Optional.of(ByteRange.of(65_530, 65_545))))).isEqualTo(Arrays.copyOfRange(data, 65_530, 65_546));
        assertThat(DocumentBlobStoreTest.read(store.get(TenantScope.client(firmA, UUID.randomUUID()),
                "matters/1/contract.pdf", Optional.empty()))).as("a client's download uses its firm's key").isEqualTo(data);
    }

    @Test
    void anotherFirmCannotOpenABlobEvenWithItsBytes() {
        TenantScope a = TenantScope.system(firmA);
        TenantScope b = TenantScope.system(firmB);
        store.put(a, "stolen", new ByteArrayInputStream(randomBytes(1000)), 1000);
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(store.storageKey(b, "stolen")).build(),
                RequestBody.fromBytes(stored(a, "stolen")));
        // Row-level security hides firm A's keyset from firm B, cached or not: firm B's own keyset does not open it.
        assertThatThrownBy(() -> DocumentBlobStoreTest.read(store.get(b, "stolen", Optional.empty())))
                .isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void blobsSealedBeforeARotationStayReadable() throws Exception {
        UUID firm = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             PreparedStatement ps = c.prepareStatement("insert into firm (id, name, slug) values (?, 'Rotating', ?)")) {
            ps.setObject(1, firm);
            ps.setString(2, "rotating-" + firm);
            ps.execute();
        }
        TenantScope scope = TenantScope.system(firm);
        byte[] old = randomBytes(5000);
        StoredBlob before = store.put(scope, "old", new ByteArrayInputStream(old), old.length);
        keys.rotate(scope);
        StoredBlob after = store.put(scope, "new", new ByteArrayInputStream(old), old.length);
        assertThat(after.keyId()).isNotEqualTo(before.keyId());
        assertThat(DocumentBlobStoreTest.read(store.get(scope, "old", Optional.empty()))).isEqualTo(old);
        assertThat(DocumentBlobStoreTest.read(store.get(scope, "new", Optional.of(ByteRange.from(4990))))).hasSize(10);
    }

    @Test
    void aLegacyBlobIsReencryptedWithItsDataKeyFromTheDatabase() throws Exception {
        UUID firm = LegacyBlobMigrationTest.FIRM;
        UUID keyId = LegacyBlobMigrationTest.KEY_ID;
        byte[] wrapped = master.encrypt(java.util.Base64.getEncoder().encodeToString(LegacyBlobMigrationTest.legacyKey()),
                "firm_data_key:" + firm + ":" + keyId);
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword())) {
            try (PreparedStatement ps = c.prepareStatement("insert into firm (id, name, slug) values (?, 'Legacy', ?)")) {
                ps.setObject(1, firm);
                ps.setString(2, "legacy-" + firm);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into firm_data_key (id, firm_id, key_enc, retired_at) values (?, ?, ?, now())")) {
                ps.setObject(1, keyId);
                ps.setObject(2, firm);
                ps.setBytes(3, wrapped);
                ps.execute();
            }
        }
        TenantScope scope = TenantScope.staff(firm, null);
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(store.storageKey(scope, "legacy/contract.pdf")).build(),
                RequestBody.fromBytes(LegacyBlobMigrationTest.fixture("contract.pdf.sealed")));

        assertThat(legacyMigration.run().reencrypted()).isEqualTo(1);
        assertThat(DocumentBlobStoreTest.read(store.get(scope, "legacy/contract.pdf", Optional.empty())))
                .isEqualTo(LegacyBlobMigrationTest.contract());
    }

    @Test
    void camelsS3ComponentSharesTheConfiguredClient() {
        assertThat(camel.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration().getAmazonS3Client()).isSameAs(s3);
        assertThat(properties.toString()).contains("secretKey=***").doesNotContain(S3ProxyServer.SECRET_KEY);
    }
}
