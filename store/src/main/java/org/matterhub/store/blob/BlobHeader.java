package org.matterhub.store.blob;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * The fixed {@value #BYTES}-byte header in front of every encrypted blob (all integers big-endian):
 * <pre>
 *  offset size  field
 *   0      4    magic "MHEB"
 *   4      1    format version (1)
 *   5      1    algorithm (1 = HKDF-SHA256 per-blob key, AES-256-GCM chunks, 16-byte tags)
 *   6      2    reserved, zero
 *   8      4    plaintext bytes per chunk (every chunk but the last is exactly this long)
 *  12     16    id of the firm data key the blob key is derived from
 *  28     16    HKDF salt, random per blob
 *  44      8    nonce prefix, random per blob; chunk i's 12-byte nonce is prefix ‖ uint32(i)
 * </pre>
 * The header is not secret; it is authenticated because every chunk's associated data includes a hash of it.
 */
public record BlobHeader(int chunkSize, UUID keyId, byte[] salt, byte[] noncePrefix) {

    public static final int BYTES = 52;
    public static final int SALT_BYTES = 16;
    public static final int NONCE_PREFIX_BYTES = 8;
    static final byte[] MAGIC = {'M', 'H', 'E', 'B'};
    static final byte VERSION = 1;
    static final byte ALGORITHM_AES256_GCM_HKDF = 1;

    public BlobHeader {
        ChunkLayout.checkChunkSize(chunkSize);
        Objects.requireNonNull(keyId, "keyId");
        if (salt == null || salt.length != SALT_BYTES || noncePrefix == null || noncePrefix.length != NONCE_PREFIX_BYTES) {
            throw new IllegalArgumentException("salt must be 16 bytes and the nonce prefix 8");
        }
        salt = salt.clone();
        noncePrefix = noncePrefix.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] noncePrefix() {
        return noncePrefix.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).put(MAGIC).put(VERSION).put(ALGORITHM_AES256_GCM_HKDF).putShort((short) 0)
                .putInt(chunkSize).putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits())
                .put(salt).put(noncePrefix).array();
    }

    /** Parses a header; anything but a version-1 header of this format is refused before any key is looked up. */
    public static BlobHeader decode(byte[] bytes) throws BlobIntegrityException {
        if (bytes == null || bytes.length < BYTES) {
            throw new BlobIntegrityException("Blob is shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, BYTES);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BlobIntegrityException("Not a Matterhub encrypted blob");
        }
        byte version = b.get();
        byte algorithm = b.get();
        short reserved = b.getShort();
        if (version != VERSION || algorithm != ALGORITHM_AES256_GCM_HKDF || reserved != 0) {
            throw new BlobIntegrityException("Unsupported blob format version " + version + " algorithm " + algorithm);
        }
        int chunkSize = b.getInt();
        UUID keyId = new UUID(b.getLong(), b.getLong());
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        b.get(salt).get(prefix);
        try {
            return new BlobHeader(chunkSize, keyId, salt, prefix);
        } catch (IllegalArgumentException e) {
            throw new BlobIntegrityException("Malformed blob header: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobHeader h && h.chunkSize == chunkSize && h.keyId.equals(keyId)
                && Arrays.equals(h.salt, salt) && Arrays.equals(h.noncePrefix, noncePrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkSize, keyId, Arrays.hashCode(salt), Arrays.hashCode(noncePrefix));
    }

    @Override
    public String toString() {
        return "BlobHeader[v1, chunkSize=" + chunkSize + ", keyId=" + keyId + "]";
    }
}
