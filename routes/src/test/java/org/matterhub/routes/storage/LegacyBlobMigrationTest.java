package org.matterhub.routes.storage;

import org.matterhub.connectors.kernel.ByteRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.tenancy.TenantScope;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The one-off re-encryption of blobs sealed by the envelope used before Tink, on real legacy blobs: the fixtures in
 * {@code legacy-envelope/} were written by that envelope's own code (70,000 random bytes from {@code new Random(7)}
 * and an empty file, for firm {@link #FIRM} under the data key {@link #legacyKey}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyBlobMigrationTest {

    static final UUID FIRM = UUID.fromString("7d9f1c2e-5b4a-4c1d-9e8f-0a1b2c3d4e5f");
    static final UUID KEY_ID = UUID.fromString("0c3e5a7b-9d1f-4a2b-8c4d-6e8f0a2b4c6d");
    static final String BUCKET = "legacy";

    S3ProxyServer server;
    S3Client raw;
    DefaultCamelContext camel;
    DocumentBlobStore store;
    final TenantScope firm = TenantScope.system(FIRM);

    /** The data key the fixtures were sealed under. */
    static byte[] legacyKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return key;
    }

    static byte[] contract() {
        byte[] plain = new byte[70_000];
        new Random(7).nextBytes(plain);
        return plain;
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = LegacyBlobMigrationTest.class.getResourceAsStream("/legacy-envelope/" + name)) {
            return in.readAllBytes();
        }
    }

    static LegacyEnvelope.Keys keys() {
        return (firm, keyId) -> {
            if (!firm.equals(FIRM) || !keyId.equals(KEY_ID)) {
                throw new IllegalStateException("Firm " + firm + " has no data key " + keyId);
            }
            return legacyKey();
        };
    }

    @BeforeAll
    void start() throws Exception {
        server = S3ProxyServer.inMemory();
        StorageProperties properties = server.properties(BUCKET);
        raw = server.clientWithBucket(properties);
        camel = new DefaultCamelContext();
        camel.start();
        store = new DocumentBlobStore(raw, camel, properties, new InMemoryKeysets());
    }

    @AfterAll
    void stop() throws Exception {
        store.close();
        camel.stop();
        raw.close();
        server.close();
    }

    @Test
    void legacyBlobsAreReencryptedInPlaceOnceAndTinkBlobsAreLeftAlone() throws Exception {
        rawPut("legacy/contract.pdf", fixture("contract.pdf.sealed"));
        rawPut("legacy/empty.txt", fixture("empty.txt.sealed"));
        byte[] tinkPlain = "sealed by Tink already".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(firm, "tink/note.txt", new ByteArrayInputStream(tinkPlain), tinkPlain.length);
        String tinkETag = eTag("tink/note.txt");
        assertThatThrownBy(() -> DocumentBlobStoreTest.read(store.get(firm, "legacy/contract.pdf", Optional.empty())))
                .as("Tink does not read the legacy format").isInstanceOf(BlobIntegrityException.class);

        LegacyBlobMigration migration = new LegacyBlobMigration(raw, BUCKET, store, keys());
        assertThat(migration.run()).isEqualTo(new LegacyBlobMigration.Result(3, 2, 0));

        assertThat(DocumentBlobStoreTest.read(store.get(firm, "legacy/contract.pdf", Optional.empty())))
                .isEqualTo(contract());
        assertThat(DocumentBlobStoreTest.read(store.get(firm, "legacy/contract.pdf",
                Optional.of(ByteRange.of(65_530, 65_545))))).isEqualTo(java.util.Arrays.copyOfRange(contract(), 65_530, 65_546));
        assertThat(store.size(firm, "legacy/contract.pdf")).isEqualTo(70_000);
        assertThat(DocumentBlobStoreTest.read(store.get(firm, "legacy/empty.txt", Optional.empty()))).isEmpty();
        assertThat(eTag("tink/note.txt")).as("a Tink blob is not rewritten").isEqualTo(tinkETag);
        assertThat(rawGet(LegacyBlobMigration.DONE_MARKER)).isNotEmpty();

        assertThat(migration.run()).as("a second pass finds nothing to do").isEqualTo(new LegacyBlobMigration.Result(3, 0, 0));
    }

    @Test
    void aLegacyBlobThatFailsIsLeftAsItWasAndThePassIsNotMarkedDone() throws Exception {
        UUID other = UUID.randomUUID();
        byte[] tampered = fixture("contract.pdf.sealed");
        tampered[30_000] ^= 1;
        String tamperedKey = "firms/" + FIRM + "/broken/contract.pdf";
        String otherFirmsKey = "firms/" + other + "/legacy/contract.pdf";
        raw.putObject(PutObjectRequest.builder().bucket(BUCKET).key(tamperedKey).build(), RequestBody.fromBytes(tampered));
        raw.putObject(PutObjectRequest.builder().bucket(BUCKET).key(otherFirmsKey).build(),
                RequestBody.fromBytes(fixture("contract.pdf.sealed")));
        raw.deleteObject(b -> b.bucket(BUCKET).key(LegacyBlobMigration.DONE_MARKER));

        LegacyBlobMigration.Result result = new LegacyBlobMigration(raw, BUCKET, store, keys()).run();

        assertThat(result.failed()).as("tampered, and another firm's key").isEqualTo(2);
        assertThat(rawGet(tamperedKey)).isEqualTo(tampered);
        assertThat(rawGet(otherFirmsKey)).isEqualTo(fixture("contract.pdf.sealed"));
        assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(LegacyBlobMigration.DONE_MARKER)).contents()).isEmpty();
        raw.deleteObject(b -> b.bucket(BUCKET).key(tamperedKey));
        raw.deleteObject(b -> b.bucket(BUCKET).key(otherFirmsKey));
    }

    private void rawPut(String objectKey, byte[] bytes) {
        raw.putObject(PutObjectRequest.builder().bucket(BUCKET).key(store.storageKey(firm, objectKey)).build(),
                RequestBody.fromBytes(bytes));
    }

    private byte[] rawGet(String key) {
        return raw.getObject(GetObjectRequest.builder().bucket(BUCKET).key(key).build(), ResponseTransformer.toBytes())
                .asByteArray();
    }

    private String eTag(String objectKey) {
        return raw.headObject(HeadObjectRequest.builder().bucket(BUCKET).key(store.storageKey(firm, objectKey)).build())
                .eTag();
    }
}
