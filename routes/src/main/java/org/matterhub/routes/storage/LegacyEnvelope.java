package org.matterhub.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.matterhub.store.blob.BlockInputStream;

/**
 * Reads, once, a blob sealed by the envelope Matterhub used before Tink, so that {@link LegacyBlobMigration} can
 * re-encrypt it; nothing writes this format any more. The format: a 52-byte header (magic {@code MHEB}, version 1,
 * algorithm 1, 2 reserved bytes, chunk size, data key id, 16-byte salt, 8-byte nonce prefix), then AES-256-GCM chunks
 * of {@code chunkSize} plaintext bytes each with its 16-byte tag. The blob key is HKDF-SHA256(data key, salt,
 * "matterhub-blob-v1" ‖ binding) with binding = SHA-256(header ‖ 0x00 ‖ "matterhub-blob:<firm>:<key>"); chunk
 * {@code i} has nonce prefix ‖ uint32(i) and associated data binding ‖ uint64(i) ‖ (1 if last else 0). Sequential
 * only; each chunk is authenticated before its bytes are returned.
 */
final class LegacyEnvelope {

    static final int HEADER_BYTES = 52;
    private static final int TAG_BYTES = 16;
    private static final byte[] MAGIC = {'M', 'H', 'E', 'B'};
    private static final byte[] INFO = "matterhub-blob-v1".getBytes(StandardCharsets.US_ASCII);

    /** The firm's legacy data keys (32 bytes), by id. */
    interface Keys {
        byte[] key(UUID firm, UUID keyId);
    }

    private LegacyEnvelope() {
    }

    /** Whether a blob's first bytes are this format's magic. */
    static boolean isLegacy(byte[] start) {
        return start.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC);
    }

    /** The plaintext length of a legacy blob of {@code storedSize} bytes (its header read). */
    static long plaintextLength(long storedSize, int chunkSize) throws BlobIntegrityException {
        long body = storedSize - HEADER_BYTES;
        long sealed = chunkSize + TAG_BYTES;
        long rest = body % sealed;
        if (body < TAG_BYTES || (rest != 0 && rest < TAG_BYTES) || (rest == TAG_BYTES && body > TAG_BYTES)) {
            throw new BlobIntegrityException("A legacy blob of " + storedSize + " bytes ends inside a chunk tag");
        }
        return (body / sealed) * chunkSize + (rest == 0 ? 0 : rest - TAG_BYTES);
    }

    /** The plaintext of {@code sealed}, a whole legacy blob of {@code storedSize} bytes stored for firm and key. */
    static Opened open(InputStream sealed, long storedSize, UUID firm, String objectKey, Keys keys) throws IOException {
        byte[] header = sealed.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES || !isLegacy(header) || header[4] != 1 || header[5] != 1) {
            throw new BlobIntegrityException("Not a version-1 legacy blob: " + objectKey);
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        int chunkSize = fields.getInt(8);
        UUID keyId = new UUID(fields.getLong(12), fields.getLong(20));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(header);
            sha.update((byte) 0);
            byte[] binding = sha.digest(("matterhub-blob:" + firm + ":" + objectKey).getBytes(StandardCharsets.UTF_8));
            byte[] dataKey = keys.key(firm, keyId);
            SecretKeySpec blobKey = new SecretKeySpec(hkdf(dataKey, Arrays.copyOfRange(header, 28, 44), binding), "AES");
            Arrays.fill(dataKey, (byte) 0);
            long length = plaintextLength(storedSize, chunkSize);
            return new Opened(new Chunks(sealed, blobKey, Arrays.copyOfRange(header, 44, 52), binding, chunkSize,
                    length), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM or HMAC-SHA256 unavailable", e);
        }
    }

    /** A legacy blob's plaintext and its length. */
    record Opened(InputStream plaintext, long length) {
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] binding) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(INFO);
        mac.update(binding);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    /** Decrypts chunk after chunk; chunk {@code count - 1} is the last. */
    private static final class Chunks extends BlockInputStream {
        private final InputStream sealed;
        private final SecretKeySpec key;
        private final byte[] nonce = new byte[12];
        private final byte[] aad = new byte[32 + 8 + 1];
        private final int chunkSize;
        private final long length;
        private final long count;
        private final Cipher cipher;
        private byte[] chunk = new byte[0];
        private int served;
        private long next;

        Chunks(InputStream sealed, SecretKeySpec key, byte[] noncePrefix, byte[] binding, int chunkSize, long length)
                throws GeneralSecurityException {
            this.sealed = sealed;
            this.key = key;
            this.chunkSize = chunkSize;
            this.length = length;
            this.count = length == 0 ? 1 : (length + chunkSize - 1) / chunkSize;
            System.arraycopy(noncePrefix, 0, nonce, 0, 8);
            System.arraycopy(binding, 0, aad, 0, 32);
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }

        @Override
        protected int readBlock(byte[] b, int off, int len) throws IOException {
            while (served == chunk.length) {
                if (next == count) {
                    return -1;
                }
                openNext();
            }
            int n = Math.min(len, chunk.length - served);
            System.arraycopy(chunk, served, b, off, n);
            served += n;
            return n;
        }

        private void openNext() throws IOException {
            boolean last = next == count - 1;
            int plain = (int) Math.min(chunkSize, length - next * chunkSize);
            byte[] in = sealed.readNBytes(plain + TAG_BYTES);
            if (in.length < plain + TAG_BYTES) {
                throw new BlobIntegrityException("Legacy chunk " + next + " is cut short");
            }
            ByteBuffer.wrap(nonce, 8, 4).putInt((int) next);
            ByteBuffer.wrap(aad, 32, 9).putLong(next).put(last ? (byte) 1 : (byte) 0);
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(aad);
                chunk = cipher.doFinal(in);
            } catch (GeneralSecurityException e) {
                throw new BlobIntegrityException("Legacy chunk " + next + " failed authentication", e);
            }
            served = 0;
            next++;
        }

        @Override
        public void close() throws IOException {
            sealed.close();
        }
    }
}
