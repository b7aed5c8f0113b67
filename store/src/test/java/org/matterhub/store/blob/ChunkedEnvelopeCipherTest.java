package org.matterhub.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedEnvelopeCipherTest {

    static final int C = 1024;
    static final String AAD = "matterhub-blob:firm-a:documents/1";
    final ChunkedEnvelopeCipher cipher = new ChunkedEnvelopeCipher(C);
    final ChunkLayout layout = cipher.layout();
    final Random random = new Random(1);
    final DataKey key = newKey(UUID.randomUUID());

    DataKey newKey(UUID firm) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return new DataKey(UUID.randomUUID(), firm, new SecretKeySpec(raw, "AES"));
    }

    byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    byte[] seal(byte[] plain) throws IOException {
        return cipher.encrypt(new ByteArrayInputStream(plain), plain.length, key, AAD).readAllBytes();
    }

    byte[] open(byte[] sealed, DataKey with, String aad) throws IOException {
        try (InputStream in = cipher.decrypt(new ByteArrayInputStream(sealed), aad, id -> with)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, C - 1, C, C + 1, 2 * C, 5 * C + 17})
    void roundTripsThroughBothStreamShapes(int size) throws Exception {
        byte[] plain = random(size);
        EncryptingInputStream encrypting = cipher.encrypt(new ByteArrayInputStream(plain), -1, key, AAD);
        byte[] sealed = encrypting.readAllBytes();
        assertThat(sealed).hasSize((int) layout.ciphertextLength(size));
        assertThat(encrypting.plaintextLength()).isEqualTo(size);
        assertThat(encrypting.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(plain));
        assertThat(open(sealed, key, AAD)).isEqualTo(plain);

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = cipher.encrypt(sink, key, AAD)) {
            for (int i = 0; i < size; i += 333) {
                out.write(plain, i, Math.min(333, size - i));
            }
        }
        assertThat(sink.size()).isEqualTo(sealed.length);
        assertThat(open(sink.toByteArray(), key, AAD)).isEqualTo(plain);
        assertThat(Arrays.copyOfRange(sink.toByteArray(), BlobHeader.BYTES, sink.size()))
                .as("fresh salt and nonces per blob").isNotEqualTo(Arrays.copyOfRange(sealed, BlobHeader.BYTES, sealed.length));
    }

    @Test
    void theHeaderRecordsFormatKeyAndChunkSize() throws Exception {
        BlobHeader header = BlobHeader.decode(seal(random(10)));
        assertThat(header.keyId()).isEqualTo(key.id());
        assertThat(header.chunkSize()).isEqualTo(C);
        assertThat(BlobHeader.decode(header.encode())).isEqualTo(header);
        assertThatThrownBy(() -> BlobHeader.decode("not a blob at all, not even close to it, no no no no".getBytes()))
                .isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void anotherKeyOrAnotherBlobNameFails() throws Exception {
        byte[] sealed = seal(random(3 * C));
        DataKey otherFirmsKey = new DataKey(key.id(), UUID.randomUUID(), newKey(UUID.randomUUID()).key());
        assertThatThrownBy(() -> open(sealed, otherFirmsKey, AAD)).isInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> open(sealed, key, "matterhub-blob:firm-b:documents/1")).isInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> open(sealed, key, "matterhub-blob:firm-a:documents/2")).isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void everySingleBitFlipIsDetected() throws Exception {
        byte[] sealed = seal(random(2 * C + 5));
        for (int i = 0; i < sealed.length; i += (i < BlobHeader.BYTES ? 1 : 7)) {
            byte[] bad = sealed.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            int position = i;
            assertThatThrownBy(() -> open(bad, key, AAD)).as("flip at %d", position)
                    .isInstanceOfAny(BlobIntegrityException.class, IllegalArgumentException.class);
        }
    }

    @Test
    void reorderedTruncatedExtendedOrSplicedChunksFail() throws Exception {
        byte[] sealed = seal(random(3 * C));
        int s = layout.sealedChunkSize();
        int c1 = (int) layout.chunkOffset(1);
        int c2 = (int) layout.chunkOffset(2);

        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, c1, swapped, c2, s);
        System.arraycopy(sealed, c2, swapped, c1, s);
        byte[] lastDropped = Arrays.copyOf(sealed, c2);
        byte[] duplicated = Arrays.copyOf(sealed, sealed.length + s);
        System.arraycopy(sealed, c2, duplicated, sealed.length, s);
        byte[] headerOnly = Arrays.copyOf(sealed, BlobHeader.BYTES);
        byte[] other = seal(random(3 * C));
        byte[] spliced = sealed.clone();
        System.arraycopy(other, c1, spliced, c1, s);
        byte[] otherHeader = sealed.clone();
        System.arraycopy(other, 0, otherHeader, 0, BlobHeader.BYTES);

        for (byte[] bad : new byte[][] {swapped, lastDropped, duplicated, headerOnly, spliced, otherHeader}) {
            assertThatThrownBy(() -> open(bad, key, AAD)).isInstanceOf(BlobIntegrityException.class);
        }
    }

    @Test
    void noPlaintextOfAFailingChunkIsReleased() throws Exception {
        byte[] plain = random(3 * C);
        byte[] sealed = seal(plain);
        sealed[(int) layout.chunkOffset(1) + 3] ^= 1;
        InputStream in = cipher.decrypt(new ByteArrayInputStream(sealed), AAD, id -> key);
        assertThat(in.readNBytes(C)).isEqualTo(Arrays.copyOf(plain, C));
        assertThatThrownBy(() -> in.read()).isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void rangesDecryptFromTheirCoveringChunksAlone() throws Exception {
        int size = 4 * C + 100;
        byte[] plain = random(size);
        byte[] sealed = seal(plain);
        byte[] header = Arrays.copyOf(sealed, BlobHeader.BYTES);
        for (int i = 0; i < 3000; i++) {
            long first = random.nextInt(size);
            long last = first + random.nextInt(2 * C);
            ChunkLayout.Slice slice = layout.covering(size, first, last);
            InputStream covering = new ByteArrayInputStream(sealed, (int) slice.ciphertextFirst(), (int) slice.ciphertextLength());
            byte[] got = cipher.decryptRange(header, key, AAD, size, slice, covering).readAllBytes();
            assertThat(got).isEqualTo(Arrays.copyOfRange(plain, (int) first, (int) Math.min(last, size - 1) + 1));
        }
        // A blob's length is part of what the chunks authenticate: claiming it is shorter fails at the new "last" chunk.
        ChunkLayout.Slice lie = layout.covering(2L * C, C, C);
        InputStream covering = new ByteArrayInputStream(sealed, (int) lie.ciphertextFirst(), (int) lie.ciphertextLength());
        assertThatThrownBy(() -> cipher.decryptRange(header, key, AAD, 2L * C, lie, covering).readAllBytes())
                .isInstanceOf(BlobIntegrityException.class);
    }

    @Test
    void readsOfEverySizeGetTheSameBytes() throws Exception {
        int size = 7 * C + 300;
        byte[] plain = random(size);
        byte[] sealed = seal(plain);
        byte[] header = Arrays.copyOf(sealed, BlobHeader.BYTES);
        // Reads of a whole chunk or more are opened straight into the reader's array, smaller ones through a buffer.
        int[] sizes = {1, C - 1, C, C + 1, 3 * C, 17, 2 * C};
        for (int start = 0; start < sizes.length; start++) {
            InputStream whole = cipher.decrypt(new ByteArrayInputStream(sealed), AAD, id -> key);
            assertThat(readWith(whole, sizes, start)).as("whole, reads from %d", start).isEqualTo(plain);
            for (long[] r : new long[][] {{0, size - 1}, {100 + start, size - 50}, {C, 3L * C - 1}, {C - 1, 5L * C}}) {
                ChunkLayout.Slice slice = layout.covering(size, r[0], r[1]);
                InputStream covering = new ByteArrayInputStream(sealed, (int) slice.ciphertextFirst(),
                        (int) slice.ciphertextLength());
                assertThat(readWith(cipher.decryptRange(header, key, AAD, size, slice, covering), sizes, start))
                        .as("bytes %d-%d, reads from %d", r[0], r[1], start)
                        .isEqualTo(Arrays.copyOfRange(plain, (int) r[0], (int) r[1] + 1));
            }
        }
    }

    static byte[] readWith(InputStream in, int[] sizes, int start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4 * C];
        for (int i = start; ; i++) {
            int want = sizes[i % sizes.length];
            int n = in.read(buffer, 1, want);
            if (n < 0) {
                return out.toByteArray();
            }
            assertThat(n).isBetween(1, want);
            out.write(buffer, 1, n);
        }
    }

    @Test
    void aChunkOpenedStraightIntoTheReadersArrayIsZeroedThereWhenItFails() throws Exception {
        byte[] plain = random(3 * C);
        byte[] sealed = seal(plain);
        sealed[(int) layout.chunkOffset(1) + 3] ^= 1;
        InputStream in = cipher.decrypt(new ByteArrayInputStream(sealed), AAD, id -> key);
        byte[] buffer = new byte[2 * C + 2];
        assertThat(in.read(buffer, 1, 2 * C)).isEqualTo(C);
        assertThat(Arrays.copyOfRange(buffer, 1, C + 1)).isEqualTo(Arrays.copyOf(plain, C));
        Arrays.fill(buffer, (byte) 0x55);
        assertThatThrownBy(() -> in.read(buffer, 1, 2 * C)).isInstanceOf(BlobIntegrityException.class);
        assertThat(Arrays.copyOfRange(buffer, 1, C + 1)).as("the failing chunk's region").containsOnly(0);
        assertThat(buffer[0]).isEqualTo((byte) 0x55);
        assertThat(Arrays.copyOfRange(buffer, C + 1, buffer.length)).as("past one chunk: untouched").containsOnly(0x55);
    }

    @Test
    void aSourceLongerOrShorterThanDeclaredFails() {
        for (int[] c : new int[][] {{10, 9}, {10, 11}, {C, C + 1}, {C, C - 1}, {2 * C, 2 * C + 1}, {0, 1}}) {
            assertThatThrownBy(() -> cipher.encrypt(new ByteArrayInputStream(new byte[c[1]]), c[0], key, AAD).readAllBytes())
                    .as("declared %d, sent %d", c[0], c[1]).isInstanceOf(IOException.class)
                    .hasMessageContaining("than the declared");
        }
    }

    @Test
    void memoryIsBoundedByTheChunkNotTheBlob() throws Exception {
        long size = 64L * 1024 * 1024;
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 7 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 7);
                left -= n;
                return n;
            }
        };
        ChunkedEnvelopeCipher big = new ChunkedEnvelopeCipher();
        java.io.PipedInputStream pipeIn = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream pipeOut = new java.io.PipedOutputStream(pipeIn);
        Thread writer = new Thread(() -> {
            try (InputStream enc = big.encrypt(endless, size, key, AAD)) {
                enc.transferTo(pipeOut);
                pipeOut.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        long read = 0;
        try (InputStream plain = big.decrypt(pipeIn, AAD, id -> key)) {
            byte[] buf = new byte[8192];
            for (int n; (n = plain.read(buf)) > 0; ) {
                read += n;
            }
        }
        writer.join();
        assertThat(read).isEqualTo(size);
    }
}
