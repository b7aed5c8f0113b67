package org.matterhub.connectors.mail;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC keys reply tokens are signed with, by key id (0-255). New tokens use {@code currentKeyId}; tokens signed
 * with any other key still listed keep verifying, so a key is rotated by adding the new one as current and dropping the
 * old one once its tokens have expired. Keys are at least 32 bytes; {@link #toString()} never shows them.
 */
public final class ReplyTokenKeys {

    /** The shortest key accepted: the HMAC-SHA256 output length. */
    public static final int MIN_KEY_BYTES = 32;

    private final int currentKeyId;
    private final Map<Integer, byte[]> keys;

    public ReplyTokenKeys(int currentKeyId, Map<Integer, byte[]> keys) {
        Map<Integer, byte[]> copy = new HashMap<>();
        keys.forEach((id, key) -> {
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("key id must be 0-255: " + id);
            }
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("reply token key " + id + " is shorter than " + MIN_KEY_BYTES + " bytes");
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key with the current key id " + currentKeyId);
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(copy);
    }

    /** A single key, id 0. */
    public static ReplyTokenKeys single(byte[] key) {
        return new ReplyTokenKeys(0, Map.of(0, key));
    }

    public int currentKeyId() {
        return currentKeyId;
    }

    byte[] currentKey() {
        return keys.get(currentKeyId);
    }

    Optional<byte[]> key(int keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public String toString() {
        int[] ids = keys.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        return "ReplyTokenKeys[current=" + currentKeyId + ", ids=" + Arrays.toString(ids) + "]";
    }
}
