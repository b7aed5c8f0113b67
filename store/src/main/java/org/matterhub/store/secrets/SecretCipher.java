package org.matterhub.store.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (OAuth tokens, webhook secrets, the firms' wrapped keysets) with AES-256-GCM
 * under the master key. The associated data binds a ciphertext to its purpose (e.g. "connection:&lt;id&gt;:tokens")
 * so it cannot be pasted into another row.
 *
 * <p>Envelope (format 2): 1 byte format, 8 bytes key id, 12 bytes nonce, ciphertext with its 16-byte tag; the format
 * byte and the key id are authenticated with the associated data. The key id is derived from the key itself
 * (HMAC-SHA256 of a fixed label, first 8 bytes), so configuring a key is enough to name it and two keys never share an
 * id by mistake. Several keys may be configured: the primary seals, every key opens the envelopes that name it, so the
 * master key can be rotated ({@link MasterKeyRotation}). Format 1 envelopes (no key id, written before key ids existed)
 * still open: each configured key is tried, the tag telling the right one.
 */
public final class SecretCipher {

    private static final byte LEGACY_FORMAT = 1;
    private static final byte FORMAT = 2;
    private static final int KEY_ID_BYTES = 8;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + KEY_ID_BYTES;

    private record MasterKey(byte[] id, SecretKey key) {
    }

    private final List<MasterKey> keys;
    private final SecureRandom random = new SecureRandom();

    /** One master key, which seals and opens. */
    public SecretCipher(byte[] key256) {
        this(key256, List.of());
    }

    /**
     * @param primary256 the key that seals new envelopes (and opens its own)
     * @param older256   keys that only open envelopes they sealed before a rotation
     */
    public SecretCipher(byte[] primary256, List<byte[]> older256) {
        List<MasterKey> all = new ArrayList<>();
        all.add(masterKey(primary256));
        for (byte[] older : older256) {
            MasterKey key = masterKey(older);
            if (all.stream().noneMatch(k -> Arrays.equals(k.id(), key.id()))) {
                all.add(key);
            }
        }
        this.keys = List.copyOf(all);
    }

    /** The id (hex) of the key that seals new envelopes. */
    public String primaryKeyId() {
        return HexFormat.of().formatHex(keys.get(0).id());
    }

    /** The ids (hex) of every configured key, the primary first. */
    public List<String> keyIds() {
        return keys.stream().map(k -> HexFormat.of().formatHex(k.id())).toList();
    }

    /** Whether this envelope was sealed by the primary key (a rotation leaves it as it is). */
    public boolean sealedByPrimary(byte[] envelope) {
        return envelope != null && envelope.length > HEADER_BYTES && envelope[0] == FORMAT
                && Arrays.equals(envelope, 1, HEADER_BYTES, keys.get(0).id(), 0, KEY_ID_BYTES);
    }

    /** The id (hex) of the key an envelope names, or "none" for a format 1 envelope. Not secret. */
    public static String keyIdOf(byte[] envelope) {
        if (envelope != null && envelope.length > HEADER_BYTES && envelope[0] == FORMAT) {
            return HexFormat.of().formatHex(envelope, 1, HEADER_BYTES);
        }
        return "none";
    }

    public byte[] encrypt(String plaintext, String associatedData) {
        MasterKey primary = keys.get(0);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(FORMAT).put(primary.id()).array();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, primary.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + sealed.length).put(header).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] envelope, String associatedData) {
        if (envelope == null || envelope.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Not a Matterhub secret envelope");
        }
        byte[] aad = associatedData.getBytes(StandardCharsets.UTF_8);
        if (envelope[0] == LEGACY_FORMAT) {
            for (MasterKey key : keys) {
                try {
                    return open(key, envelope, 1, new byte[0], aad);
                } catch (GeneralSecurityException wrongKeyOrTampered) {
                    // try the next configured key
                }
            }
            throw new IllegalStateException("A stored secret could not be decrypted by any configured master key "
                    + "(a key is missing, or tampering)");
        }
        if (envelope[0] != FORMAT || envelope.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Not a Matterhub secret envelope");
        }
        MasterKey key = keys.stream().filter(k -> Arrays.equals(envelope, 1, HEADER_BYTES, k.id(), 0, KEY_ID_BYTES))
                .findFirst().orElseThrow(() -> new IllegalStateException("A stored secret is sealed by master key "
                        + keyIdOf(envelope) + ", which is not configured (matterhub.store.master-key or "
                        + "matterhub.store.previous-master-keys)"));
        try {
            return open(key, envelope, HEADER_BYTES, Arrays.copyOf(envelope, HEADER_BYTES), aad);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret could not be decrypted (tampering, or another row's)", e);
        }
    }

    private static String open(MasterKey key, byte[] envelope, int nonceAt, byte[] header, byte[] aad)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, envelope, nonceAt, NONCE_BYTES));
        cipher.updateAAD(header);
        cipher.updateAAD(aad);
        int sealedAt = nonceAt + NONCE_BYTES;
        return new String(cipher.doFinal(envelope, sealedAt, envelope.length - sealedAt), StandardCharsets.UTF_8);
    }

    private static MasterKey masterKey(byte[] key256) {
        if (key256 == null || key256.length != 32) {
            throw new IllegalArgumentException("A master key must be 32 bytes (AES-256)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key256, "HmacSHA256"));
            byte[] id = Arrays.copyOf(mac.doFinal("matterhub master key id".getBytes(StandardCharsets.UTF_8)), KEY_ID_BYTES);
            return new MasterKey(id, new SecretKeySpec(key256, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, keys=" + keyIds() + "]";
    }
}
