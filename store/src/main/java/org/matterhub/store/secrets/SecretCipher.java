package org.matterhub.store.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (OAuth tokens, webhook secrets) with AES-256-GCM.
 * Layout: 1 byte format version, 12 bytes nonce, ciphertext with its 16-byte tag. The associated data binds
 * a ciphertext to its purpose (e.g. "connection:&lt;id&gt;:tokens") so it cannot be pasted into another row.
 */
public final class SecretCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key256) {
        if (key256 == null || key256.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key256, "AES");
    }

    public byte[] encrypt(String plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] envelope, String associatedData) {
        if (envelope == null || envelope.length < 1 + NONCE_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
            throw new IllegalArgumentException("Not a Matterhub secret envelope");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, envelope, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(envelope, 1 + NONCE_BYTES, envelope.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret could not be decrypted (wrong master key or tampering)", e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key=***]";
    }
}
