package org.matterhub.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * Streaming authenticated encryption of blobs: AES-256-GCM in fixed-size chunks under a per-blob key, so any size
 * is encrypted and decrypted in bounded memory (two chunk buffers) and any byte range is read by fetching and
 * opening only its covering chunks. Layout: {@link BlobHeader} ({@value BlobHeader#BYTES} bytes), then chunk 0,
 * 1, … each of {@link ChunkLayout#chunkSize()} plaintext bytes (the last 1..chunkSize, or 0 for an empty blob)
 * followed by its 16-byte tag. See {@link ChunkSealer} for the nonce and associated-data construction that stops
 * chunks being reordered, dropped, truncated or spliced between blobs.
 *
 * <p>{@code associatedData} names the blob (the store passes firm and object key); it is not stored, and a blob
 * only decrypts under the same value. The chunk size of new blobs is this instance's; reading uses the one in each
 * blob's header.
 */
public final class ChunkedEnvelopeCipher {

    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final ChunkLayout layout;
    private final SecureRandom random = new SecureRandom();

    public ChunkedEnvelopeCipher(int chunkSize) {
        this.layout = new ChunkLayout(chunkSize);
    }

    public ChunkedEnvelopeCipher() {
        this(DEFAULT_CHUNK_SIZE);
    }

    /** The layout of blobs this instance writes. */
    public ChunkLayout layout() {
        return layout;
    }

    /**
     * Ciphertext of {@code plaintext}, produced as it is read.
     *
     * @param declaredLength the plaintext's length when known (a mismatch fails the read), or -1
     */
    public EncryptingInputStream encrypt(InputStream plaintext, long declaredLength, DataKey key, String associatedData) {
        BlobHeader header = newHeader(key.id());
        byte[] encoded = header.encode();
        return new EncryptingInputStream(plaintext, new ChunkSealer(header, encoded, key, associatedData), encoded,
                layout.chunkSize(), declaredLength);
    }

    /** A stream whose plaintext is written to {@code ciphertext} encrypted; closing it seals the last chunk. */
    public EncryptingOutputStream encrypt(OutputStream ciphertext, DataKey key, String associatedData) {
        BlobHeader header = newHeader(key.id());
        byte[] encoded = header.encode();
        return new EncryptingOutputStream(ciphertext, new ChunkSealer(header, encoded, key, associatedData), encoded,
                layout.chunkSize());
    }

    /**
     * Plaintext of a whole blob. The header is read (and its key resolved) before this returns; chunks are opened as
     * the result is read, and a failing chunk makes that read throw {@link BlobIntegrityException}.
     *
     * @param keys finds the data key named by the header
     */
    public InputStream decrypt(InputStream ciphertext, String associatedData, Function<UUID, DataKey> keys)
            throws IOException {
        byte[] encoded = ciphertext.readNBytes(BlobHeader.BYTES);
        BlobHeader header = BlobHeader.decode(encoded);
        DataKey key = keys.apply(header.keyId());
        return new DecryptingInputStream(ciphertext, new ChunkSealer(header, encoded, key, associatedData),
                new ChunkLayout(header.chunkSize()));
    }

    /**
     * Plaintext of a byte range, from its covering chunks only.
     *
     * @param encodedHeader      the blob's first {@value BlobHeader#BYTES} bytes
     * @param plaintextLength    the blob's plaintext length (see {@link ChunkLayout#plaintextLength(long)})
     * @param slice              the range, from {@link ChunkLayout#covering(long, long, long)} of the header's layout
     * @param coveringCiphertext exactly the stored bytes {@code slice.ciphertextFirst()..slice.ciphertextLast()}
     */
    public InputStream decryptRange(byte[] encodedHeader, DataKey key, String associatedData, long plaintextLength,
                                    ChunkLayout.Slice slice, InputStream coveringCiphertext) throws BlobIntegrityException {
        BlobHeader header = BlobHeader.decode(encodedHeader);
        if (!header.keyId().equals(key.id())) {
            throw new IllegalArgumentException("The key given is not the key named by the header");
        }
        return new DecryptingInputStream(coveringCiphertext, new ChunkSealer(header, encodedHeader, key, associatedData),
                new ChunkLayout(header.chunkSize()), plaintextLength, slice.firstChunk(), slice.lastChunk(), slice.skip(),
                slice.length());
    }

    private BlobHeader newHeader(UUID keyId) {
        byte[] salt = new byte[BlobHeader.SALT_BYTES];
        byte[] prefix = new byte[BlobHeader.NONCE_PREFIX_BYTES];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        return new BlobHeader(layout.chunkSize(), keyId, salt, prefix);
    }

    @Override
    public String toString() {
        return "ChunkedEnvelopeCipher[AES-256-GCM, chunkSize=" + layout.chunkSize() + "]";
    }
}
