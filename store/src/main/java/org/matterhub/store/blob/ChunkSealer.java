package org.matterhub.store.blob;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the chunks of one blob. The blob key is HKDF-SHA256(data key, salt, "matterhub-blob-v1" ‖ binding)
 * where binding = SHA-256(header ‖ 0x00 ‖ associated data); chunk {@code i} uses nonce prefix ‖ uint32(i) and
 * associated data binding ‖ uint64(i) ‖ (1 if last else 0). Changing a chunk's position, the last-chunk marker, the
 * header, the blob's associated data (firm and object key) or the key therefore fails authentication. Not thread-safe:
 * one per stream.
 */
final class ChunkSealer {

    private static final byte[] INFO = "matterhub-blob-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = ChunkLayout.TAG_BYTES * 8;

    private final Cipher cipher;
    private final SecretKeySpec blobKey;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[32 + 8 + 1];

    ChunkSealer(BlobHeader header, byte[] encodedHeader, DataKey dataKey, String associatedData) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encodedHeader, 0, BlobHeader.BYTES);
            sha.update((byte) 0);
            sha.update(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] binding = sha.digest();
            System.arraycopy(binding, 0, aad, 0, 32);
            System.arraycopy(header.noncePrefix(), 0, nonce, 0, BlobHeader.NONCE_PREFIX_BYTES);
            byte[] ikm = dataKey.key().getEncoded();
            byte[] okm = hkdfSha256(ikm, header.salt(), concat(INFO, binding));
            Arrays.fill(ikm, (byte) 0);
            blobKey = new SecretKeySpec(okm, "AES");
            Arrays.fill(okm, (byte) 0);
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM or HMAC-SHA256 unavailable", e);
        }
    }

    /** Seals {@code len} plaintext bytes as chunk {@code index}; writes len + 16 bytes to {@code out}. */
    int seal(long index, boolean last, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, blobKey, parameters(index, last));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Chunk encryption failed", e);
        }
    }

    /** Opens sealed chunk {@code index} ({@code len} bytes with its tag); writes len - 16 plaintext bytes to {@code out}. */
    int open(long index, boolean last, byte[] in, int inOff, int len, byte[] out, int outOff) throws BlobIntegrityException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, blobKey, parameters(index, last));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new BlobIntegrityException("Chunk " + index + (last ? " (last)" : "")
                    + " failed authentication: altered, moved, truncated, or sealed under another key or object", e);
        } catch (GeneralSecurityException e) {
            throw new BlobIntegrityException("Chunk " + index + " could not be decrypted", e);
        }
    }

    private GCMParameterSpec parameters(long index, boolean last) {
        if (index < 0 || index >= ChunkLayout.MAX_CHUNKS) {
            throw new IllegalStateException("A blob holds at most 2^32 chunks");
        }
        ByteBuffer.wrap(nonce, BlobHeader.NONCE_PREFIX_BYTES, 4).putInt((int) index);
        ByteBuffer.wrap(aad, 32, 9).putLong(index).put(last ? (byte) 1 : (byte) 0);
        return new GCMParameterSpec(TAG_BITS, nonce);
    }

    /** RFC 5869 with one output block (32 bytes). */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        byte[] okm = mac.doFinal();
        Arrays.fill(prk, (byte) 0);
        return okm;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
