package org.matterhub.routes.storage;

import org.matterhub.connectors.kernel.ByteRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.store.blob.Keysets;
import org.matterhub.store.tenancy.TenantScope;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The blob store against a real S3-compatible server (S3Proxy, in memory), with firm keysets held in memory. Blobs are
 * Tink streaming AEAD ciphertexts: a 40-byte header, then 64 KiB segments; {@link #at} is where segment i's plaintext
 * starts ({@code CHUNK} plaintext bytes per full segment, segment 0 holding 40 fewer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentBlobStoreTest {

    static final SegmentLayout LAYOUT = SegmentLayout.TINK;
    static final int CHUNK = LAYOUT.plaintextPerSegment();
    static final int SEGMENT = Keysets.SEGMENT_BYTES;
    static final String BUCKET = "documents";

    S3ProxyServer server;
    S3Client raw;
    DefaultCamelContext camel;
    DocumentBlobStore store;
    final InMemoryKeysets keysets = new InMemoryKeysets();
    final TenantScope firmA = TenantScope.system(UUID.randomUUID());
    final TenantScope firmB = TenantScope.system(UUID.randomUUID());
    final Random random = new Random(42);

    @BeforeAll
    void start() throws Exception {
        server = S3ProxyServer.inMemory();
        StorageProperties properties = server.properties(BUCKET);
        raw = server.clientWithBucket(properties);
        camel = new DefaultCamelContext();
        camel.start();
        store = new DocumentBlobStore(raw, camel, properties, keysets);
    }

    @AfterAll
    void stop() throws Exception {
        store.close();
        camel.stop();
        raw.close();
        server.close();
    }

    /** Plaintext offset of segment {@code i}'s first byte. */
    static int at(int segment) {
        return (int) LAYOUT.plaintextStart(segment);
    }

    static Stream<Arguments> sizes() {
        long[] sizes = {0, 1, at(1) - 1, at(1), at(1) + 1, at(2), 17L * 1024 * 1024};
        return Arrays.stream(sizes).boxed().flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    @ParameterizedTest(name = "{0} bytes, length declared: {1}")
    @MethodSource("sizes")
    void roundTripsEverySize(long size, boolean declared) throws Exception {
        byte[] data = randomBytes((int) size);
        String key = "round-trip/" + size + "-" + declared;

        StoredBlob stored = store.put(firmA, key, new ByteArrayInputStream(data), declared ? size : -1);

        assertThat(stored.objectKey()).isEqualTo(key);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256()).isEqualTo(sha256(data));
        assertThat(stored.ciphertextSize()).isEqualTo(LAYOUT.ciphertextLength(size));
        HeadObjectResponse head = raw.headObject(HeadObjectRequest.builder().bucket(BUCKET)
                .key(store.storageKey(firmA, key)).build());
        assertThat(head.contentLength()).as("bytes in the bucket").isEqualTo(stored.ciphertextSize());
        if (size > StorageProperties.MIN_PART_SIZE) {
            assertThat(head.eTag()).as("a multipart upload's ETag names its part count").contains("-4");
        }
        assertThat(read(store.get(firmA, key, Optional.empty()))).isEqualTo(data);
    }

    @Test
    void rangedReadsAtChunkEdgesReturnExactlyTheRange() throws Exception {
        int size = at(3) + 100;
        byte[] data = randomBytes(size);
        store.put(firmA, "ranges", new ByteArrayInputStream(data), size);
        long[][] ranges = {
            {0, 0}, {0, at(1) - 1}, {at(1) - 1, at(1) - 1}, {at(1) - 1, at(1)}, {at(1), at(1)}, {at(1), at(2) - 1},
            {at(2) - 5, at(3) + 5}, {at(3), size - 1}, {size - 1, size - 1}, {0, size - 1},
            {size - 10, size + 1000}, {1, Long.MAX_VALUE}, {12345, 12345 + 3 * CHUNK},
        };
        for (long[] r : ranges) {
            byte[] expected = Arrays.copyOfRange(data, (int) r[0], (int) Math.min(r[1], size - 1) + 1);
            assertThat(read(store.get(firmA, "ranges", Optional.of(ByteRange.of(r[0], r[1])))))
                    .as("bytes %d-%d", r[0], r[1]).isEqualTo(expected);
        }
    }

    @Test
    void aRangedReadFetchesOnlyItsCoveringChunks() throws Exception {
        int size = at(4);
        byte[] data = randomBytes(size);
        store.put(firmA, "covering", new ByteArrayInputStream(data), size);
        // Damage segment 3 only: ranges inside segments 0..2 never fetch it, so they still read; a range touching it fails.
        byte[] stored = rawBytes(firmA, "covering");
        stored[(int) LAYOUT.ciphertextStart(3) + 10] ^= 1;
        rawPut(firmA, "covering", stored);

        assertThat(read(store.get(firmA, "covering", Optional.of(ByteRange.of(at(1) - 3, at(3) - 1)))))
                .isEqualTo(Arrays.copyOfRange(data, at(1) - 3, at(3)));
        assertThatThrownBy(() -> read(store.get(firmA, "covering", Optional.of(ByteRange.of(at(3) - 1, at(3)))))
        ).isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void aRangeStartingAtOrAfterTheEndIsNotSatisfiable() {
        store.put(firmA, "short", new ByteArrayInputStream(new byte[10]), 10);
        store.put(firmA, "empty", InputStream.nullInputStream(), 0);
        assertThatThrownBy(() -> store.get(firmA, "short", Optional.of(ByteRange.from(10))))
                .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> assertThat(e.size()).isEqualTo(10));
        assertThatThrownBy(() -> store.get(firmA, "empty", Optional.of(ByteRange.of(0, 0))))
                .isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Test
    void flippingAnyStoredBitFailsTheRead() throws Exception {
        int size = at(2) + 7;
        store.put(firmA, "tamper", new ByteArrayInputStream(randomBytes(size)), size);
        byte[] original = rawBytes(firmA, "tamper");
        int[] positions = {
            0, // the header's length
            10, // salt
            36, // nonce prefix
            SegmentLayout.HEADER_BYTES, // first byte of segment 0
            SEGMENT - 3, // segment 0's tag
            (int) LAYOUT.ciphertextStart(1) + 500, // inside segment 1
            original.length - 1, // the last tag's last byte
        };
        for (int position : positions) {
            byte[] tampered = original.clone();
            tampered[position] ^= 0x01;
            rawPut(firmA, "tamper", tampered);
            assertThatThrownBy(() -> read(store.get(firmA, "tamper", Optional.empty())))
                    .as("bit flipped at %d", position).isInstanceOfAny(BlobIntegrityException.class, UncheckedIOException.class);
            assertThatThrownBy(() -> read(store.get(firmA, "tamper", Optional.of(ByteRange.from(0)))))
                    .as("ranged, bit flipped at %d", position)
                    .isInstanceOfAny(BlobIntegrityException.class, UncheckedIOException.class);
        }
        rawPut(firmA, "tamper", original);
        FirmKeysetSwap swap = new FirmKeysetSwap(firmA);
        assertThatThrownBy(() -> read(store.get(firmA, "tamper", Optional.empty())))
                .as("a keyset without the sealing key").isInstanceOf(BlobIntegrityException.class);
        swap.restore();

        assertThat(read(store.get(firmA, "tamper", Optional.empty()))).hasSize(size);
    }

    @Test
    void truncatedReorderedOrExtendedBlobsFail() throws Exception {
        int size = at(3);
        store.put(firmA, "cut", new ByteArrayInputStream(randomBytes(size)), size);
        byte[] original = rawBytes(firmA, "cut");
        int sealed = SEGMENT;
        int chunk1 = (int) LAYOUT.ciphertextStart(1);
        int chunk2 = (int) LAYOUT.ciphertextStart(2);

        byte[] withoutLastChunk = Arrays.copyOf(original, chunk2);
        byte[] swapped = original.clone();
        System.arraycopy(original, chunk2, swapped, chunk1, sealed);
        System.arraycopy(original, chunk1, swapped, chunk2, sealed);
        byte[] extended = Arrays.copyOf(original, original.length + sealed);
        System.arraycopy(original, chunk1, extended, original.length, sealed);
        byte[] cutInsideAChunk = Arrays.copyOf(original, original.length - 100);

        for (byte[] bad : new byte[][] {withoutLastChunk, swapped, extended, cutInsideAChunk}) {
            rawPut(firmA, "cut", bad);
            assertThatThrownBy(() -> read(store.get(firmA, "cut", Optional.empty()))).isInstanceOf(BlobIntegrityException.class);
            assertThatThrownBy(() -> read(store.get(firmA, "cut", Optional.of(ByteRange.from(at(1))))))
                    .isInstanceOfAny(BlobIntegrityException.class, UncheckedIOException.class);
        }
    }

    @Test
    void storedObjectsHoldNoPlaintext() throws Exception {
        byte[] marker = "MATTERHUB-PLAINTEXT-MARKER:privileged & confidential;".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[marker.length * 20_000];
        for (int i = 0; i < data.length; i += marker.length) {
            System.arraycopy(marker, 0, data, i, marker.length);
        }
        store.put(firmA, "marker", new ByteArrayInputStream(data), data.length);
        byte[] stored = rawBytes(firmA, "marker");
        assertThat(indexOf(stored, Arrays.copyOf(marker, 12))).isEqualTo(-1);
        assertThat(read(store.get(firmA, "marker", Optional.empty()))).isEqualTo(data);
    }

    @Test
    void aBlobCopiedToAnotherKeyOrAnotherFirmDoesNotDecrypt() throws Exception {
        byte[] data = randomBytes(1000);
        store.put(firmA, "original", new ByteArrayInputStream(data), data.length);
        byte[] stored = rawBytes(firmA, "original");

        rawPut(firmA, "copy", stored);
        assertThatThrownBy(() -> read(store.get(firmA, "copy", Optional.empty()))).isInstanceOf(BlobIntegrityException.class);

        store.put(firmB, "original", new ByteArrayInputStream(new byte[1]), 1);
        rawPut(firmB, "original", stored);
        assertThatThrownBy(() -> read(store.get(firmB, "original", Optional.empty())))
                .as("firm B has no key of firm A").isInstanceOf(BlobIntegrityException.class);
        assertThat(store.storageKey(firmB, "original")).isNotEqualTo(store.storageKey(firmA, "original"))
                .startsWith("firms/" + firmB.firmId() + "/");
    }

    @Test
    void aSourceThatDisagreesWithItsDeclaredLengthStoresNothing() {
        for (long[] c : new long[][] {{100, 99}, {100, 101}, {at(1), at(1) + 1}, {6L << 20, (6L << 20) - 1}, {6L << 20, 7L << 20}}) {
            String key = "liar-" + c[0] + "-" + c[1];
            assertThatThrownBy(() -> store.put(firmA, key, new ByteArrayInputStream(new byte[(int) c[1]]), c[0]))
                    .as("declared %d, sent %d", c[0], c[1]).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("than the declared");
            assertThat(store.exists(firmA, key)).isFalse();
        }
        assertThat(raw.listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(BUCKET).build()).uploads())
                .as("aborted uploads leave no parts behind").isEmpty();
    }

    @Test
    void existsDeleteAndMissingBlobs() {
        assertThat(store.exists(firmA, "missing")).isFalse();
        assertThatThrownBy(() -> store.get(firmA, "missing", Optional.empty())).isInstanceOf(NoSuchBlobException.class);
        assertThatThrownBy(() -> store.get(firmA, "missing", Optional.of(ByteRange.of(0, 1))))
                .isInstanceOf(NoSuchBlobException.class);
        store.delete(firmA, "missing");

        store.put(firmA, "doomed", new ByteArrayInputStream(new byte[3]), 3);
        assertThat(store.exists(firmA, "doomed")).isTrue();
        assertThat(store.exists(firmB, "doomed")).isFalse();
        store.delete(firmA, "doomed");
        assertThat(store.exists(firmA, "doomed")).isFalse();
    }

    @Test
    void aReaderMayStopEarly() throws Exception {
        int size = 5 * 1024 * 1024;
        store.put(firmA, "early", new ByteArrayInputStream(randomBytes(size)), size);
        for (int i = 0; i < 80; i++) { // more than the connection pool: an early close must not leak a connection
            try (InputStream in = store.get(firmA, "early", Optional.empty())) {
                assertThat(in.readNBytes(10)).hasSize(10);
            }
        }
    }

    @Test
    void randomRangesOfAManyChunkBlobReadExactlyTheirBytes() throws Exception {
        int size = 40 * CHUNK + 333;
        byte[] data = randomBytes(size);
        store.put(firmA, "many-chunks", new ByteArrayInputStream(data), size);
        for (int i = 0; i < 40; i++) {
            long first = random.nextInt(size);
            long last = first + random.nextInt(i % 2 == 0 ? 2 * CHUNK : 30 * CHUNK);
            byte[] expected = Arrays.copyOfRange(data, (int) first, (int) Math.min(last, size - 1) + 1);
            assertThat(read(store.get(firmA, "many-chunks", Optional.of(ByteRange.of(first, last)))))
                    .as("bytes %d-%d", first, last).isEqualTo(expected);
        }
    }

    @Test
    void aTamperedChunkFailsTheDownloadAfterExactlyTheChunksBeforeIt() throws Exception {
        int size = 30 * CHUNK + 5;
        byte[] data = randomBytes(size);
        store.put(firmA, "tampered-late", new ByteArrayInputStream(data), size);
        byte[] stored = rawBytes(firmA, "tampered-late");
        stored[(int) LAYOUT.ciphertextStart(21) + 1234] ^= 0x10;
        rawPut(firmA, "tampered-late", stored);

        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        try (InputStream in = store.get(firmA, "tampered-late", Optional.empty())) {
            byte[] buffer = new byte[10_000];
            assertThatThrownBy(() -> {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            }).isInstanceOf(BlobIntegrityException.class).hasMessageContaining("Chunk 21");
        }
        assertThat(received.toByteArray()).as("chunks 0..20, and nothing of chunk 21")
                .isEqualTo(Arrays.copyOf(data, at(21)));
    }

    @Test
    void largeRangedDownloadsClosedEarlyReleaseTheirConnection() throws Exception {
        int size = 3 * 1024 * 1024;
        byte[] data = randomBytes(size);
        store.put(firmA, "closed-early", new ByteArrayInputStream(data), size);
        for (int i = 0; i < 80; i++) { // more than the connection pool: an early close must not leak a connection
            try (InputStream in = store.get(firmA, "closed-early", Optional.of(ByteRange.from(i * 1000L)))) {
                assertThat(in.read()).isEqualTo(data[i * 1000] & 0xff);
            }
        }
    }

    @Test
    void largeDownloadsAreReadAheadAndClosingOneEarlyStopsItsHelper() throws Exception {
        int size = 3 * 1024 * 1024;
        store.put(firmA, "helpers", new ByteArrayInputStream(randomBytes(size)), size);
        for (int i = 0; i < 20; i++) {
            InputStream in = store.get(firmA, "helpers", i % 2 == 0 ? Optional.empty()
                    : Optional.of(ByteRange.from(i * 1000L)));
            assertThat(in.read()).isNotNegative();
            assertThat(helpersAtWork()).as("a helper reads ahead").isEqualTo(1);
            in.close();
            assertThat(helpersAtWork()).as("after close %d", i).isZero();
        }
        int small = at(DocumentBlobStore.READ_AHEAD_MIN_SEGMENTS);
        store.put(firmA, "no-helper", new ByteArrayInputStream(randomBytes(small)), small);
        try (InputStream in = store.get(firmA, "no-helper", Optional.empty())) {
            assertThat(in.read()).isNotNegative();
            assertThat(helpersAtWork()).as("%d segments are decrypted on the reading thread",
                    DocumentBlobStore.READ_AHEAD_MIN_SEGMENTS).isZero();
        }
    }

    /** Threads inside a read-ahead helper's loop (the pool's idle threads wait elsewhere). */
    private static long helpersAtWork() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(f -> f.getClassName().endsWith("ReadAhead")
                        && f.getMethodName().equals("pump")))
                .count();
    }

    /** Replaces a firm's keyset by one that holds none of its keys, until restored. */
    final class FirmKeysetSwap {
        private final TenantScope scope;
        private final org.matterhub.store.blob.FirmKeyset before;

        FirmKeysetSwap(TenantScope scope) {
            this.scope = scope;
            this.before = keysets.keyset(scope);
            keysets.replace(scope, Keysets.newKeyset());
        }

        void restore() {
            keysets.put(scope, before);
        }
    }

    private byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    private byte[] rawBytes(TenantScope scope, String key) {
        return raw.getObject(GetObjectRequest.builder().bucket(BUCKET).key(store.storageKey(scope, key)).build(),
                ResponseTransformer.toBytes()).asByteArray();
    }

    private void rawPut(TenantScope scope, String key, byte[] bytes) {
        raw.putObject(PutObjectRequest.builder().bucket(BUCKET).key(store.storageKey(scope, key)).build(),
                RequestBody.fromBytes(bytes));
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
